// What every create op does the same way once its own pre-flight has planned the request: a dry run through
// validate_only, the create itself through the idempotency layer, the read-back, the PAUSED note, and the
// confirmation asked before creating something ACTIVE.
#pragma once
#include <functional>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>

#include "core/error.hpp"
#include "graph/request.hpp"
#include "ops/common/object_kind.hpp"
#include "ops/common/object_view.hpp"
#include "tool/op_context.hpp"
#include "tool/op_registry.hpp"
#include "tool/op_spec.hpp"

namespace fbmcp::ops {

struct PlannedCreate {
  std::string act_id;
  tool::AccountFacts account;
  std::string edge;        // "act_1/adsets"
  graph::Params params;
  nlohmann::json money;    // minor units being set
  std::string where;       // "in Spring Sale (act_1)": where the summary says it was made
  std::function<bool(const nlohmann::json& candidate)> same_object;  // reconciliation: a name match is ours if…
  std::vector<std::string> match_fields;
  std::vector<std::string> warnings;  // from the pre-flight (a filled-in default, say)
};

// The start of a plan for an object made under a parent (an ad set in a campaign, an ad in an ad set): reads the
// parent, which gives the account; fills in act_id, account, the account's edge of `kind` and `where`. Returns the
// parent as read.
core::Result<ObjectSnapshot> plan_under_parent(tool::OpContext& ctx, const ObjectKind& kind, const ObjectKind& parent,
                                               const std::string& parent_id, PlannedCreate& plan);

// Reconciliation of a create made under a parent: a candidate with the same name is ours only if its `field`
// (campaign_id, adset_id) is `parent_id`.
void match_parent(PlannedCreate& plan, const std::string& field, const std::string& parent_id);

// The kind's own pre-flight: reads what it needs, refuses what Meta would refuse, and plans the request.
using CreatePlanner = std::function<core::Result<PlannedCreate>(const nlohmann::json& args, tool::OpContext& ctx)>;

// create_<op_noun>: `plan` runs for the confirmation (only when status is ACTIVE: it can spend at once) and again
// for the create.
void register_create_op(tool::OpRegistry& registry, const ObjectKind& kind, const std::string& summary,
                        CreatePlanner plan);

}  // namespace fbmcp::ops
