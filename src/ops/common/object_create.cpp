#include "ops/common/object_create.hpp"

#include "graph/json_fields.hpp"
#include "ops/common/idempotent_create.hpp"
#include "ops/common/money_args.hpp"
#include "ops/common/object_view.hpp"
#include "ops/common/write_support.hpp"

namespace fbmcp::ops {
namespace {

core::Result<tool::OpOutput> create_object(tool::OpContext& ctx, const ObjectKind& kind, const nlohmann::json& args,
                                           PlannedCreate plan) {
  const std::string name = args["name"].get<std::string>();
  const bool dry_run = apply_dry_run(args, plan.params);
  ctx.report("creating " + kind.noun + " in " + plan.act_id);
  tool::OpOutput out;
  out.warnings = plan.warnings;
  if (dry_run) {
    // validate_only changes nothing, so it may be retried like a read.
    auto checked = ctx.graph.post(plan.edge, plan.params, graph::Idempotent::Yes);
    if (!checked) return std::unexpected(checked.error());
    if (auto ok = graph::expect_success(*checked, plan.edge); !ok) return std::unexpected(ok.error());
    out.data = {{"dry_run", true}, {"valid", true}, {"would_send", params_json(plan.params)}};
    out.summary = "Dry run: Meta accepted the " + kind.noun + " '" + name + "'; nothing was created.";
    return out;
  }
  CreateRequest request{"create_" + kind.op_noun, plan.edge, plan.params, name, plan.same_object, plan.match_fields};
  request.has_created_time = kind.has_created_time;
  auto created = idempotent_create(ctx, args, request);
  if (!created) return std::unexpected(created.error());
  const std::string id = created->id;
  out.warnings.insert(out.warnings.end(), created->warnings.begin(), created->warnings.end());
  auto snapshot = fetch_object(ctx, kind, id);
  if (!snapshot) return std::unexpected(snapshot.error());
  const auto& o = snapshot->object;
  out.data = {{"id", id}, {kind.op_noun, o}};
  if (!created->made_earlier) {
    out.change = store::ChangeSet{{store::ChangeItem{kind.op_noun, id, plan.act_id, "create",
                                                     {{"status", {{"before", nullptr}, {"after", o.value("status", "")}}},
                                                      {"name", {{"before", nullptr}, {"after", name}}}}}},
                                  {id}};
  }
  out.summary = "Created " + kind.noun + " " + id + " '" + o.value("name", "") + "' (" + o.value("status", "") +
                ") " + plan.where + ".";
  if (auto review = review_warning(kind, o)) out.warnings.push_back(*review);
  if (o.value("status", "") == "PAUSED") {
    out.warnings.push_back("created PAUSED: it spends nothing until resume_" + kind.op_noun);
  }
  return out;
}

core::Result<std::optional<tool::ChangePreview>> confirm_active_create(tool::OpContext& ctx, const ObjectKind& kind,
                                                                       const nlohmann::json& args,
                                                                       const PlannedCreate& plan) {
  // Nobody should be asked to approve a create Meta would refuse anyway.
  if (auto valid = validate_with_graph(ctx, plan.edge, plan.params); !valid) return std::unexpected(valid.error());
  std::string budget = kind.no_budget_text;
  for (const char* field : kBudgetFields) {
    if (plan.money.contains(field)) budget = std::string(field) + " " + money_text(plan.money[field], plan.account.currency);
  }
  return tool::ChangePreview{"Create " + kind.noun + " '" + args["name"].get<std::string>() + "' ACTIVE in " +
                                 plan.account.name + " (" + budget + ")? It can start spending at once.",
                             {{"ad_account_id", plan.act_id},
                              {"status", "ACTIVE"},
                              {"budgets", money_amounts(plan.money, plan.account.currency)},
                              {"currency", plan.account.currency}}};
}

}  // namespace

core::Result<ObjectSnapshot> plan_under_parent(tool::OpContext& ctx, const ObjectKind& kind, const ObjectKind& parent,
                                               const std::string& parent_id, PlannedCreate& plan) {
  auto snapshot = fetch_object(ctx, parent, parent_id);
  if (!snapshot) return std::unexpected(snapshot.error());
  auto account = ctx.accounts.get(snapshot->act_id);
  if (!account) return std::unexpected(account.error());
  plan.act_id = snapshot->act_id;
  plan.account = *account;
  plan.edge = snapshot->act_id + "/" + kind.edge;
  plan.where = "in " + parent.noun + " " + parent_id + " '" + snapshot->object.value("name", "") + "' (" +
               snapshot->act_id + ")";
  return snapshot;
}

void match_parent(PlannedCreate& plan, const std::string& field, const std::string& parent_id) {
  plan.same_object = [field, parent_id](const nlohmann::json& candidate) {
    const auto found = graph::read_string(candidate, field);
    return found && *found && **found == parent_id;
  };
  plan.match_fields = {field};
}

void register_create_op(tool::OpRegistry& registry, const ObjectKind& kind, const std::string& summary,
                        CreatePlanner plan) {
  const ObjectKind* k = &kind;
  auto run = [k, plan](const nlohmann::json& args, tool::OpContext& ctx) -> core::Result<tool::OpOutput> {
    auto planned = plan(args, ctx);
    if (!planned) return std::unexpected(planned.error());
    return in_arg_terms(*k, create_object(ctx, *k, args, std::move(*planned)));
  };
  // Only a kind that delivers asks before an ACTIVE create (and is listed as "confirm" in the op table).
  tool::ConfirmationCheck confirm;
  if (kind.delivers) {
    confirm = [k, plan](const nlohmann::json& args,
                        tool::OpContext& ctx) -> core::Result<std::optional<tool::ChangePreview>> {
      if (args.value("status", "PAUSED") != "ACTIVE") return std::nullopt;
      auto planned = plan(args, ctx);
      if (!planned) return std::unexpected(planned.error());
      return in_arg_terms(*k, confirm_active_create(ctx, *k, args, *planned));
    };
  }
  registry.add({"create_" + kind.op_noun, kind.family, summary, tool::Effect::Write, false, run, confirm});
}

}  // namespace fbmcp::ops
