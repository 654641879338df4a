// Seeds an ObjectStore from fixtures/ (compiled into the binary, or a directory given at run time).
#pragma once
#include <functional>
#include <optional>
#include <string>

#include "core/error.hpp"
#include "fake/graph_model.hpp"
#include "fake/object_store.hpp"
#include "fake/targeting/targeting_db.hpp"

namespace fbmcp::fake {

// Reads one fixture file by name ("campaigns.json"); nullopt when absent.
using FixtureReader = std::function<std::optional<std::string>(const std::string& name)>;

FixtureReader embedded_fixture_reader();
FixtureReader directory_fixture_reader(const std::string& directory);

struct World {
  ObjectStore store;
  GraphModel model;
  TargetingDb targeting;  // fixtures/targeting/: interests, behaviors, demographics, locations, locales
};

// Fails on a missing me.json or graph_model.json, and on any file that is not valid JSON (naming the file).
core::Result<World> load_world(const FixtureReader& read);

}  // namespace fbmcp::fake
