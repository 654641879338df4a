// What a write rule (create / update a node type) gets, and the helpers rules share for reading Graph params.
#pragma once
#include <expected>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>

#include "fake/graph_error.hpp"
#include "fake/graph_model.hpp"
#include "fake/object_store.hpp"
#include "fake/targeting/targeting_db.hpp"

namespace fbmcp::fake {

using ParamMap = std::map<std::string, std::string>;
using WriteResult = std::expected<nlohmann::json, GraphError>;

struct WriteContext {
  ObjectStore& store;
  const GraphModel& model;
  const TargetingDb& targeting;
  std::string now;  // Graph datetime, "2026-11-23T12:00:00+0000"
};

std::optional<std::string> param(const ParamMap& params, const std::string& key);
// A param that carries JSON (lists, objects); a value that is not JSON is returned as a JSON string.
std::optional<nlohmann::json> json_param(const ParamMap& params, const std::string& key);
// Graph takes true/false and 1/0 for booleans.
std::optional<bool> bool_param(const ParamMap& params, const std::string& key);
// Money in minor units: a positive integer, sent as digits. Error names the field.
std::expected<std::optional<std::string>, GraphError> money_param(const ParamMap& params, const std::string& key);
// A datetime param (start_time, end_time, stop_time): Graph takes ISO 8601 ("2026-12-01T00:00:00+0000") or Unix
// seconds (graph-api-facts.md §2) and refuses anything else with code 100 naming the field.
std::optional<GraphError> check_time(const ParamMap& params, const std::string& key);
// Checks an enum param against the SDK's list (model key e.g. "campaign.objective").
std::optional<GraphError> check_enum(const WriteContext& ctx, const std::string& model_key, const std::string& name,
                                     const std::string& value);
// Whether execution_options holds validate_only (a dry run: validate, change nothing).
bool is_validate_only(const ParamMap& params);

}  // namespace fbmcp::fake
