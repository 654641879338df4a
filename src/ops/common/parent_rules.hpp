// Pre-flight of money args against the parent object (ObjectKind::check_budget_owner), with parents read once per
// call however many items share them.
#pragma once
#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "core/error.hpp"
#include "ops/common/object_kind.hpp"
#include "tool/op_context.hpp"

namespace fbmcp::ops {

// Reads the distinct parents (one batch) of `parent_ids`: id → parent, or the error reading it.
std::map<std::string, core::Result<nlohmann::json>> read_parents(tool::OpContext& ctx, const ObjectKind& kind,
                                                                 const std::vector<std::string>& parent_ids);

// Runs the kind's check for `raw` (the object now, or the create args holding the parent id) when it sets money.
core::Result<void> check_parent_rules(tool::OpContext& ctx, const ObjectKind& kind, const nlohmann::json& raw,
                                      const nlohmann::json& money, const std::string& currency,
                                      const std::string& prefix);

}  // namespace fbmcp::ops
