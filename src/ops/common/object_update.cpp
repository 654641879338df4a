#include "ops/common/object_update.hpp"

#include "money/money.hpp"
#include "ops/common/money_args.hpp"
#include "ops/common/object_view.hpp"
#include "ops/common/parent_rules.hpp"
#include "ops/common/spend_raises.hpp"
#include "ops/common/write_support.hpp"

namespace fbmcp::ops {
namespace {

using tool::ChangePreview;
using tool::OpContext;
using tool::OpOutput;

struct PlannedUpdate {
  ObjectSnapshot before;
  graph::Params params;
  nlohmann::json money;  // minor units set by this update
};

std::pair<std::string, nlohmann::json> graph_param_of(const ObjectKind& kind, const std::string& arg,
                                                      const nlohmann::json& value) {
  return kind.graph_param ? kind.graph_param(arg, value) : std::pair{arg, value};
}

core::Result<PlannedUpdate> plan_update(const ObjectKind& kind, const nlohmann::json& args, OpContext& ctx) {
  // Read what the update sets too (targeting is not a default field), so the result shows its before and after.
  nlohmann::json fields = nlohmann::json::array();
  for (const auto& field : kind.update_fields) {
    if (args.contains(field)) fields.push_back(graph_param_of(kind, field, args[field]).first);
  }
  const nlohmann::json read_args = {{"fields", fields}};
  auto before = fetch_object(ctx, kind, args[kind.id_arg].get<std::string>(), read_args);
  if (!before) return std::unexpected(before.error());
  PlannedUpdate plan{std::move(*before), {}, {}};
  auto money = money_params(args, kind, plan.before.currency, plan.params);
  if (!money) return std::unexpected(money.error());
  plan.money = *money;
  if (auto allowed = check_spend_limits(ctx, plan.before.act_id, plan.before.currency, plan.money, plan.before.raw);
      !allowed) {
    return std::unexpected(allowed.error());
  }
  if (auto owner = check_parent_rules(ctx, kind, plan.before.raw, plan.money, plan.before.currency, "args."); !owner) {
    return std::unexpected(owner.error());
  }
  for (const auto& field : kind.update_fields) {
    if (!args.contains(field) || plan.money.contains(field)) continue;
    auto [graph_field, value] = graph_param_of(kind, field, args[field]);
    plan.params.set(graph_field, std::move(value));
  }
  if (plan.params.items().empty()) {
    std::string fields;
    for (const auto& field : kind.update_fields) fields += (fields.empty() ? "" : ", ") + field;
    return std::unexpected(invalid_args("nothing to update: give at least one of " + fields,
                                        "e.g. {\"" + kind.id_arg + "\": \"…\", " +
                                            (kind.money_args.empty() ? std::string("\"name\": \"…\"}")
                                                                     : "\"daily_budget\": {\"amount\": \"40.00\"}}"),
                                        "args"));
  }
  return plan;
}

core::Result<OpOutput> update_object(const ObjectKind& kind, const nlohmann::json& args, OpContext& ctx) {
  auto plan = plan_update(kind, args, ctx);
  if (!plan) return std::unexpected(plan.error());
  const std::string id = args[kind.id_arg].get<std::string>();
  const bool dry_run = apply_dry_run(args, plan->params);
  // Setting fields to values is idempotent: retried on transient failures like a read.
  auto result = ctx.graph.post(id, plan->params, graph::Idempotent::Yes);
  if (!result) return std::unexpected(result.error());
  if (auto confirmed = graph::expect_success(*result, id); !confirmed) return std::unexpected(confirmed.error());
  OpOutput out;
  if (dry_run) {
    out.data = {{"dry_run", true}, {"valid", true}, {"would_send", params_json(plan->params)},
                {kind.op_noun, plan->before.object}};
    out.summary = "Dry run: Meta accepted the update of " + kind.noun + " " + id + "; nothing changed.";
    return out;
  }
  nlohmann::json fields = nlohmann::json::array();
  for (const auto& [key, value] : plan->params.items()) fields.push_back(key);
  auto after = fetch_object(ctx, kind, id, {{"fields", fields}});
  if (!after) return std::unexpected(after.error());
  nlohmann::json changes = nlohmann::json::object();
  for (const auto& [key, value] : plan->params.items()) {
    const auto old_value = plan->before.object.value(key, nlohmann::json());
    const auto new_value = after->object.value(key, nlohmann::json());
    if (old_value != new_value) changes[key] = {{"before", old_value}, {"after", new_value}};
  }
  out.data = {{kind.op_noun, after->object}, {"changes", changes}};
  // The journal keeps every sent field as Graph has it before and after (minor units, targeting as read back), so
  // undo_change can check the object still holds "after" and put "before" back.
  store::ChangeItem item{kind.op_noun, id, plan->before.act_id, "update"};
  for (const auto& [key, value] : plan->params.items()) {
    item.fields[key] = {{"before", plan->before.raw.value(key, nlohmann::json())},
                        {"after", after->raw.value(key, nlohmann::json())}};
  }
  out.change = store::ChangeSet{{std::move(item)}};
  if (auto review = review_warning(kind, after->object)) out.warnings.push_back(*review);
  out.summary = "Updated " + kind.noun + " " + id + " '" + after->object.value("name", "") + "':\n" +
                describe_changes(changes);
  return out;
}

core::Result<std::optional<ChangePreview>> update_needs_confirmation(const ObjectKind& kind, const nlohmann::json& args,
                                                                     OpContext& ctx) {
  auto plan = plan_update(kind, args, ctx);
  if (!plan) return std::unexpected(plan.error());
  const auto& raw = plan->before.raw;
  const auto& currency = plan->before.currency;
  const auto raises = spend_raises(raw, plan->money, plan->params);
  if (raises.empty()) return std::nullopt;
  std::vector<std::string> reasons;
  nlohmann::json details = {{kind.id_arg, args[kind.id_arg]}, {"currency", currency}};
  for (const auto& raise : raises.money) {
    reasons.push_back("raise " + raise.field + " from " + money_text(raise.before, currency) + " to " +
                      money_text(raise.after, currency));
    details[raise.field] = {{"before", money::money_view(std::to_string(raise.before), currency)},
                            {"after", money::money_view(std::to_string(raise.after), currency)}};
  }
  if (raises.activates) {
    reasons.push_back("activate it (status " + raises.status_before + " → ACTIVE)");
    details["status"] = {{"before", raises.status_before}, {"after", "ACTIVE"}};
  }
  if (auto valid = validate_with_graph(ctx, args[kind.id_arg].get<std::string>(), plan->params); !valid) {
    return std::unexpected(valid.error());
  }
  std::string question = "Update " + kind.noun + " '" + raw.value("name", "") + "': ";
  for (size_t i = 0; i < reasons.size(); ++i) question += (i ? " and " : "") + reasons[i];
  return ChangePreview{question + "?", details};
}

}  // namespace

void register_update_op(tool::OpRegistry& registry, const ObjectKind& kind, const std::string& summary) {
  const ObjectKind* k = &kind;
  registry.add({"update_" + kind.op_noun, kind.family, summary, tool::Effect::Write, true,
                [k](const nlohmann::json& a, OpContext& c) { return in_arg_terms(*k, update_object(*k, a, c)); },
                [k](const nlohmann::json& a, OpContext& c) {
                  return in_arg_terms(*k, update_needs_confirmation(*k, a, c));
                }});
}

}  // namespace fbmcp::ops
