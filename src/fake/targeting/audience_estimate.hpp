// Audience estimates as deterministic functions of a (valid) targeting spec: people in the locations × the share
// of the age range × the gender share × each detailed-targeting group's share. Every narrowing (an AND-ed interest
// group, a smaller age range, one gender, an exclusion) multiplies by a factor ≤ 1, so narrowing never raises an
// estimate; rounding is monotonic too.
#pragma once
#include <expected>
#include <nlohmann/json.hpp>
#include <string>

#include "fake/graph_error.hpp"
#include "fake/object_store.hpp"
#include "fake/targeting/targeting_db.hpp"

namespace fbmcp::fake {

// Custom audiences (their approximate counts in `store`) stand for the people when the spec names them: on their
// own, or capped by the locations when both are given; excluded ones remove their share.
double estimate_people(const TargetingDb& db, const ObjectStore& store, const nlohmann::json& spec);

// GET /act_<id>/reachestimate → {"data":{"users_lower_bound","users_upper_bound","estimate_ready":true}}.
std::expected<nlohmann::json, GraphError> reach_estimate(const TargetingDb& db, const ObjectStore& store,
                                                         const nlohmann::json& spec);
// GET /act_<id>/delivery_estimate → {"data":[{daily_outcomes_curve, estimate_dau, estimate_mau_lower_bound,
// estimate_mau_upper_bound, estimate_ready}]}.
std::expected<nlohmann::json, GraphError> delivery_estimate(const TargetingDb& db, const ObjectStore& store,
                                                            const nlohmann::json& spec,
                                                            const std::string& optimization_goal);
// GET /act_<id>/targetingsentencelines → {"data":[{id, params, targetingsentencelines:[{content, children}]}]}.
nlohmann::json targeting_sentence_lines(const TargetingDb& db, const nlohmann::json& spec, const std::string& id);

}  // namespace fbmcp::fake
