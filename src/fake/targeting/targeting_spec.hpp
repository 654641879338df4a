// Graph's rules for a targeting spec, shared by ad set create/update (`targeting`) and the estimate edges
// (`targeting_spec`), so an invalid spec gets the same error wherever it is sent.
#pragma once
#include <nlohmann/json.hpp>
#include <optional>
#include <string>

#include "fake/graph_error.hpp"
#include "fake/object_store.hpp"
#include "fake/targeting/targeting_db.hpp"

namespace fbmcp::fake {

// `field` is the param that carried the spec; every error names it and the path inside the spec.
// `special_ad_categories` is the campaign's list (an empty array when there is no campaign, as for estimates).
// custom_audiences / excluded_custom_audiences must name custom audiences in `store`.
std::optional<GraphError> validate_targeting(const TargetingDb& db, const ObjectStore& store, const nlohmann::json& spec,
                                             const std::string& field, const nlohmann::json& special_ad_categories);

// Whether a campaign's special_ad_categories restrict targeting (housing, employment, credit and financial
// products; not social issues/politics).
bool restricts_targeting(const nlohmann::json& special_ad_categories);

}  // namespace fbmcp::fake
