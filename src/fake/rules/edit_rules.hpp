// Write rules ad sets and ads share: what a created object gets, what a deleted or archived object still takes, and
// the parent link that never changes.
#pragma once
#include "fake/write_context.hpp"

namespace fbmcp::fake {

// What Graph sets on an object it creates: effective_status from status (parents are applied when it is stored,
// fake/status_rules.hpp), created_time and updated_time.
void stamp_created(nlohmann::json& object, const std::string& now);

// Reads name (not empty) and status (the model's `<type>.status` enum; configured_status follows it) into `object`.
std::optional<GraphError> read_name_and_status(const WriteContext& ctx, const ParamMap& params, const std::string& type,
                                               nlohmann::json& object);

// A DELETED object takes no edits; an ARCHIVED one only a new name, or status ARCHIVED/DELETED. `noun` is "ad set",
// "ad"; the refusal is code 100 naming the field.
std::optional<GraphError> check_editable(const nlohmann::json& object, const std::string& noun, const ParamMap& params);

// An object never moves to another parent (`field` = campaign_id of an ad set, adset_id of an ad): a copy goes there.
std::optional<GraphError> check_parent_kept(const nlohmann::json& object, const ParamMap& params, const std::string& field,
                                            const std::string& noun, const std::string& parent_noun);

}  // namespace fbmcp::fake
