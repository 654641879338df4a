// The emulator's targeting database (fixtures/targeting/*.json): interests, behaviors, demographics, locations and
// locales, with the audience sizes Graph's targeting search reports. Read-only; comes from the fixtures of the
// running build like the field model, never from a state file.
#pragma once
#include <functional>
#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "core/error.hpp"

namespace fbmcp::fake {

// The targeting spec keys holding detailed targeting: lists of {id, name} entries from the database, each entry's
// database type being the key itself. relationship_statuses and similar keys take plain integers instead.
inline constexpr const char* kDetailedTargetingKeys[] = {"interests",       "behaviors",  "life_events",
                                                         "family_statuses", "industries", "income"};

class TargetingDb {
 public:
  using Reader = std::function<std::optional<std::string>(const std::string& name)>;

  // Reads targeting/<kind>.json for every kind; a missing file leaves that kind empty (a fixtures directory given
  // at run time may hold none), a file that is not a JSON array of objects fails naming the file.
  static core::Result<TargetingDb> load(const Reader& read);

  // kinds: interests, behaviors, demographics, countries, regions, cities, zips, locales
  const std::vector<nlohmann::json>& all(const std::string& kind) const;
  // Detailed targeting (interests, behaviors, demographics) by id; nullptr when unknown.
  const nlohmann::json* detailed(const std::string& id) const;
  // A location by its key within one kind (countries by ISO code, regions/cities by key, zips by "US:94110").
  const nlohmann::json* location(const std::string& kind, const std::string& key) const;
  const nlohmann::json* locale(int key) const;

 private:
  // Shared and immutable, so copying a world (tests, the emulator's seed) keeps the indexes valid and cheap.
  struct Data {
    std::map<std::string, std::vector<nlohmann::json>> kinds;
    std::map<std::string, const nlohmann::json*> detailed;
    std::map<std::string, std::map<std::string, const nlohmann::json*>> locations;
  };
  std::shared_ptr<const Data> data_ = std::make_shared<Data>();
};

}  // namespace fbmcp::fake
