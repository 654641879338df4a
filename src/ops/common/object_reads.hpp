// list_<kind>s and get_<kind>: the same reads for every kind.
#pragma once
#include <functional>
#include <nlohmann/json.hpp>
#include <string>

#include "core/error.hpp"
#include "ops/common/object_kind.hpp"
#include "tool/op_context.hpp"
#include "tool/op_registry.hpp"
#include "tool/op_spec.hpp"

namespace fbmcp::ops {

struct ListScope {
  std::string edge;        // "act_1/campaigns", "120210…/adsets"
  std::string act_id;      // the account whose currency money is shown in
  std::string described;   // "Spring Sale (act_1, USD)" for the summary
  nlohmann::json data;     // what the result says about the scope: {"ad_account_id": …} or {"campaign_id": …}
  std::vector<std::string> said_by_header;  // row fields the scope makes the same for every row (account_id, …)
};

// The scope of an ad account's whole list of `kind` (act_<n>/<kind.edge>), from args.ad_account_id.
core::Result<ListScope> account_scope(tool::OpContext& ctx, const ObjectKind& kind, const nlohmann::json& ad_account_id);

// The scope of one object's list of children (a campaign's ad sets, an ad set's ads): `parent` kind and id, read
// for its name and account; `edge` the children's edge ("adsets", "ads").
core::Result<ListScope> parent_scope(tool::OpContext& ctx, const ObjectKind& parent, const std::string& id,
                                     const std::string& edge);

// Lists one edge with the filters every kind shares — configured_status (filtered here), effective_status and
// name_contains (by Graph), limit + after — plus `in_filters`: args Graph filters with IN (e.g. objective). Rows
// are lean (kind.list_fields, shaping's lean_row), money in the form args ask for, the currency said once.
core::Result<tool::OpOutput> list_objects(tool::OpContext& ctx, const ObjectKind& kind, const ListScope& scope,
                                          const nlohmann::json& args, const std::vector<std::string>& in_filters);

// Which list the args of list_<kind>s name (an account's, a parent's), or why they name none.
using ScopeOf = std::function<core::Result<ListScope>(const nlohmann::json& args, tool::OpContext& ctx)>;

// list_<op_noun>s over `scope_of` (rows as list_objects makes them) and get_<op_noun>.
void register_read_ops(tool::OpRegistry& registry, const ObjectKind& kind, const std::string& list_summary,
                       const std::string& get_summary, ScopeOf scope_of);

core::Result<tool::OpOutput> get_object(tool::OpContext& ctx, const ObjectKind& kind, const nlohmann::json& args);

}  // namespace fbmcp::ops
