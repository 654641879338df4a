#include "fake/fixtures.hpp"

#include <array>
#include <fstream>
#include <sstream>
#include <utility>

#include "embedded/embedded.hpp"
#include "fake/rules/instagram_rules.hpp"

namespace fbmcp::fake {
namespace {

// Fixture file → Graph object type held in it.
constexpr std::array<std::pair<const char*, const char*>, 14> kFixtureFiles = {{
    {"businesses.json", "business"},
    {"ad_accounts.json", "adaccount"},
    {"campaigns.json", "campaign"},
    {"adsets.json", "adset"},
    {"ads.json", "ad"},
    {"adcreatives.json", "adcreative"},
    {"adimages.json", "adimage"},
    {"advideos.json", "advideo"},
    {"pages.json", "page"},
    {"instagram_accounts.json", "ig_user"},
    {"instagram_media.json", "ig_media"},
    {"page_posts.json", "page_post"},  // a page's posts, id "<page_id>_<post_id>" (object_story_id)
    {"customaudiences.json", "customaudience"},
    {"users.json", "user"},  // other people who can log in (a second identity for multi-token use)
}};

core::Result<nlohmann::json> parse_file(const FixtureReader& read, const std::string& name, bool required) {
  const auto text = read(name);
  if (!text) {
    if (!required) return nlohmann::json::array();
    return core::fail(core::ErrorKind::Internal, "fixture file " + name + " is missing");
  }
  auto value = nlohmann::json::parse(*text, nullptr, false);
  if (value.is_discarded()) return core::fail(core::ErrorKind::Internal, "fixture file " + name + " is not valid JSON");
  return value;
}

}  // namespace

FixtureReader embedded_fixture_reader() {
  return [](const std::string& name) -> std::optional<std::string> {
    if (auto content = embedded::find("fixtures/" + name)) return std::string(*content);
    return std::nullopt;
  };
}

FixtureReader directory_fixture_reader(const std::string& directory) {
  return [directory](const std::string& name) -> std::optional<std::string> {
    std::ifstream in(directory + "/" + name, std::ios::binary);
    if (!in) return std::nullopt;
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
  };
}

core::Result<World> load_world(const FixtureReader& read) {
  World world;
  auto model = parse_file(read, "graph_model.json", true);
  if (!model) return std::unexpected(model.error());
  world.model = GraphModel(std::move(*model));
  auto targeting = TargetingDb::load(read);
  if (!targeting) return std::unexpected(targeting.error());
  world.targeting = std::move(*targeting);
  auto me = parse_file(read, "me.json", true);
  if (!me) return std::unexpected(me.error());
  world.store.insert("user", std::move(*me));
  for (const auto& [file, type] : kFixtureFiles) {
    auto objects = parse_file(read, file, false);
    if (!objects) return std::unexpected(objects.error());
    if (!objects->is_array()) return core::fail(core::ErrorKind::Internal, std::string(file) + " must be an array");
    for (auto& object : *objects) world.store.insert(type, std::move(object));
  }
  add_carousel_children(world.store);
  return world;
}

}  // namespace fbmcp::fake
