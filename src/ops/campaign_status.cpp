// Campaign status changes: pause_campaign, resume_campaign, archive_campaign, delete_campaign.
#include "money/money.hpp"
#include "ops/all_ops.hpp"
#include "ops/campaign_view.hpp"
#include "ops/write_support.hpp"

namespace fbmcp::ops {
namespace {

using tool::ChangePreview;
using tool::OpContext;
using tool::OpOutput;

std::string budget_text(const nlohmann::json& campaign) {
  for (const char* field : {"daily_budget", "lifetime_budget"}) {
    if (campaign.contains(field) && campaign[field].contains("amount")) {
      return std::string(field == std::string("daily_budget") ? "daily" : "lifetime") + " budget " +
             campaign[field]["amount"].get<std::string>() + " " + campaign[field]["currency"].get<std::string>();
    }
  }
  return "budgets set on its ad sets";
}

// One status transition. DELETE is Graph's delete; the others are POST status=… on the campaign.
core::Result<OpOutput> change_status(const nlohmann::json& args, OpContext& ctx, const std::string& target) {
  const std::string id = args["campaign_id"].get<std::string>();
  auto before = fetch_campaign(ctx, id);
  if (!before) return std::unexpected(before.error());
  const std::string old_status = before->campaign.value("status", "");
  OpOutput out;
  if (old_status == target) {
    out.data = {{"campaign", before->campaign}, {"changes", nlohmann::json::object()}};
    out.summary = "Campaign " + id + " is already " + target + "; nothing to do.";
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
    out.data = {{"dry_run", true}, {"valid", true}, {"campaign", before->campaign}, {"would_set", {{"status", target}}}};
    out.summary = "Dry run: Meta accepted setting campaign " + id + " to " + target + "; nothing changed.";
    return out;
  }
  auto after = fetch_campaign(ctx, id);
  if (!after) return std::unexpected(after.error());
  out.data = {{"campaign", after->campaign},
              {"changes", {{"status", {{"before", old_status}, {"after", after->campaign.value("status", "")}}}}}};
  out.summary = "Campaign " + id + " '" + after->campaign.value("name", "") + "': " + old_status + " → " +
                after->campaign.value("status", "") + " (effective " + after->campaign.value("effective_status", "") + ").";
  return out;
}

core::Result<std::optional<ChangePreview>> confirm_transition(const nlohmann::json& args, OpContext& ctx,
                                                              const std::string& target, const std::string& verb) {
  auto campaign = fetch_campaign(ctx, args["campaign_id"].get<std::string>());
  if (!campaign) return std::unexpected(campaign.error());
  const auto& c = campaign->campaign;
  if (c.value("status", "") == target) return std::nullopt;
  if (auto valid = validate_with_graph(ctx, c.value("id", ""), {{"status", target}}); !valid) {
    return std::unexpected(valid.error());
  }
  const std::string consequence = target == "ACTIVE" ? "It can start spending at once." : "This cannot be undone.";
  return ChangePreview{verb + " campaign '" + c.value("name", "") + "' (" + c.value("id", "") + ", " + budget_text(c) +
                           ")? " + consequence,
                       {{"campaign_id", c.value("id", "")},
                        {"name", c.value("name", "")},
                        {"status", {{"before", c.value("status", "")}, {"after", target}}},
                        {"daily_budget", c.value("daily_budget", nlohmann::json())},
                        {"lifetime_budget", c.value("lifetime_budget", nlohmann::json())}}};
}

}  // namespace

void register_campaign_status_ops(tool::OpRegistry& registry) {
  registry.add({"pause_campaign", "campaigns", "Pause a campaign (stops delivery; its ad sets show CAMPAIGN_PAUSED)",
                tool::Effect::Write, true,
                [](const nlohmann::json& a, OpContext& c) { return change_status(a, c, "PAUSED"); }, {}});
  registry.add({"resume_campaign", "campaigns", "Set a campaign ACTIVE again; spends money, so it needs confirmation",
                tool::Effect::Spend, true,
                [](const nlohmann::json& a, OpContext& c) { return change_status(a, c, "ACTIVE"); },
                [](const nlohmann::json& a, OpContext& c) { return confirm_transition(a, c, "ACTIVE", "Activate"); }});
  registry.add({"archive_campaign", "campaigns", "Archive a campaign (stops it for good; stays readable)",
                tool::Effect::Write, true,
                [](const nlohmann::json& a, OpContext& c) { return change_status(a, c, "ARCHIVED"); }, {}});
  registry.add({"delete_campaign", "campaigns",
                "Delete a campaign and its ad sets and ads (status DELETED); needs confirmation",
                tool::Effect::Destructive, true,
                [](const nlohmann::json& a, OpContext& c) { return change_status(a, c, "DELETED"); },
                [](const nlohmann::json& a, OpContext& c) { return confirm_transition(a, c, "DELETED", "Delete"); }});
}

}  // namespace fbmcp::ops
