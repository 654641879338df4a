// Graph's targeting search: GET /search?type=adinterest|adinterestsuggestion|adTargetingCategory|adgeolocation|
// adlocale and GET /act_<id>/targetingsearch (FBD/marketing-api/audiences/reference/targeting-search), backed by the
// targeting database. Results are ranked as a person expects: exact name, then prefix, then a word starting with
// the query, then any substring; ties by audience size.
#pragma once
#include <expected>
#include <map>
#include <nlohmann/json.hpp>
#include <string>

#include "fake/graph_error.hpp"
#include "fake/targeting/targeting_db.hpp"

namespace fbmcp::fake {

std::expected<nlohmann::json, GraphError> targeting_search(const TargetingDb& db,
                                                           const std::map<std::string, std::string>& params);
std::expected<nlohmann::json, GraphError> account_targeting_search(const TargetingDb& db,
                                                                   const std::map<std::string, std::string>& params);

}  // namespace fbmcp::fake
