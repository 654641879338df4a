#include "ops/common/status_change.hpp"

#include "core/text.hpp"
#include "ops/common/object_view.hpp"
#include "ops/common/write_support.hpp"

namespace fbmcp::ops {
namespace {

using tool::ChangePreview;
using tool::OpContext;
using tool::OpOutput;

// DELETE is Graph's delete; the others are POST status=… on the object. Graph derives effective_status of the
// object and everything under it (an ad set of a paused campaign shows CAMPAIGN_PAUSED), so it is read back.
core::Result<OpOutput> change_status(const ObjectKind& kind, const nlohmann::json& args, OpContext& ctx,
                                     const std::string& target) {
  const std::string id = args[kind.id_arg].get<std::string>();
  auto before = fetch_object(ctx, kind, id);
  if (!before) return std::unexpected(before.error());
  const std::string old_status = before->object.value("status", "");
  const std::string Noun = kind.capital_noun();
  OpOutput out;
  if (old_status == target) {
    out.data = {{kind.op_noun, before->object}, {"changes", nlohmann::json::object()}};
    out.summary = Noun + " " + id + " is already " + target + "; nothing to do.";
    return out;
  }
  graph::Params params{{"status", target}};
  const bool dry_run = apply_dry_run(args, params);
  // A dry-run delete is a validate_only status change: Graph's DELETE takes no execution_options. Setting a status
  // is idempotent, so transient failures are retried.
  auto result = target == "DELETED" && !dry_run ? ctx.graph.del(id)
                                                : ctx.graph.post(id, params, graph::Idempotent::Yes);
  if (!result) return std::unexpected(result.error());
  if (auto confirmed = graph::expect_success(*result, id); !confirmed) return std::unexpected(confirmed.error());
  if (dry_run) {
    out.data = {{"dry_run", true}, {"valid", true}, {kind.op_noun, before->object}, {"would_set", {{"status", target}}}};
    out.summary = "Dry run: Meta accepted setting " + kind.noun + " " + id + " to " + target + "; nothing changed.";
    return out;
  }
  auto after = fetch_object(ctx, kind, id);
  if (!after) return std::unexpected(after.error());
  const auto& o = after->object;
  out.change = store::ChangeSet{{store::ChangeItem{kind.op_noun, id, before->act_id,
                                                   target == "DELETED" ? "delete" : "update",
                                                   {{"status", {{"before", old_status}, {"after", target}}}}}}};
  out.data = {{kind.op_noun, o}, {"changes", {{"status", {{"before", old_status}, {"after", o.value("status", "")}}}}}};
  out.summary = Noun + " " + id + " '" + o.value("name", "") + "': " + old_status + " → " + o.value("status", "") +
                " (effective " + o.value("effective_status", "") + ").";
  // Graph keeps a parent's pause in the child's effective_status (CAMPAIGN_PAUSED, ADSET_PAUSED): active but not
  // delivering is worth saying, with the parent to resume.
  const std::string effective = o.value("effective_status", "");
  if (target == "ACTIVE" && effective != "ACTIVE" && effective.ends_with("_PAUSED")) {
    // CAMPAIGN_PAUSED names campaign_id, ADSET_PAUSED adset_id: the paused parent, whatever the kind's own parent.
    const std::string parent_field = core::ascii_lower(effective.substr(0, effective.size() - 7)) + "_id";
    const std::string parent = o.value(parent_field, "");
    out.warnings.push_back("ACTIVE but not delivering: effective status " + effective +
                           (parent.empty() ? "" : " (" + parent_field + " " + parent + " is paused)"));
  }
  if (auto review = review_warning(kind, o); review && target == "ACTIVE") out.warnings.push_back(*review);
  return out;
}

core::Result<std::optional<ChangePreview>> confirm_transition(const ObjectKind& kind, const nlohmann::json& args,
                                                              OpContext& ctx, const std::string& target,
                                                              const std::string& verb) {
  auto snapshot = fetch_object(ctx, kind, args[kind.id_arg].get<std::string>());
  if (!snapshot) return std::unexpected(snapshot.error());
  const auto& o = snapshot->object;
  if (o.value("status", "") == target) return std::nullopt;
  // Nobody should be asked to approve a change Meta would refuse anyway.
  if (auto valid = validate_with_graph(ctx, o.value("id", ""), {{"status", target}}); !valid) {
    return std::unexpected(valid.error());
  }
  const std::string consequence = target == "ACTIVE" ? "It can start spending at once." : "This cannot be undone.";
  return ChangePreview{verb + " " + kind.noun + " '" + o.value("name", "") + "' (" + o.value("id", "") + ", " +
                           budget_text(kind, snapshot->raw, snapshot->currency) + ")? " + consequence,
                       {{kind.id_arg, o.value("id", "")},
                        {"name", o.value("name", "")},
                        {"status", {{"before", o.value("status", "")}, {"after", target}}},
                        {"daily_budget", o.value("daily_budget", nlohmann::json())},
                        {"lifetime_budget", o.value("lifetime_budget", nlohmann::json())}}};
}

}  // namespace

void register_status_ops(tool::OpRegistry& registry, const ObjectKind& kind) {
  // The registry keeps the specs, the kind outlives them (kinds are static descriptors).
  const ObjectKind* k = &kind;
  registry.add({"pause_" + kind.op_noun, kind.family,
                "Pause " + kind.a_noun() + " (stops delivery; " + kind.paused_children + ")", tool::Effect::Write, true,
                [k](const nlohmann::json& a, OpContext& c) { return change_status(*k, a, c, "PAUSED"); }, {}});
  registry.add({"resume_" + kind.op_noun, kind.family,
                "Set " + kind.a_noun() + " ACTIVE again; spends money, so it needs confirmation", tool::Effect::Spend,
                true, [k](const nlohmann::json& a, OpContext& c) { return change_status(*k, a, c, "ACTIVE"); },
                [k](const nlohmann::json& a, OpContext& c) { return confirm_transition(*k, a, c, "ACTIVE", "Activate"); }});
  registry.add({"archive_" + kind.op_noun, kind.family,
                "Archive " + kind.a_noun() + " (stops it for good; stays readable)", tool::Effect::Write, true,
                [k](const nlohmann::json& a, OpContext& c) { return change_status(*k, a, c, "ARCHIVED"); }, {}});
  registry.add({"delete_" + kind.op_noun, kind.family,
                "Delete " + kind.a_noun() + kind.delete_scope + " (status DELETED); needs confirmation",
                tool::Effect::Destructive, true,
                [k](const nlohmann::json& a, OpContext& c) { return change_status(*k, a, c, "DELETED"); },
                [k](const nlohmann::json& a, OpContext& c) { return confirm_transition(*k, a, c, "DELETED", "Delete"); }});
}

}  // namespace fbmcp::ops
