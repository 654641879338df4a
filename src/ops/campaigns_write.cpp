// Campaign writes with free-form fields: create_campaign, update_campaign.
#include "graph/json_fields.hpp"
#include "money/money.hpp"
#include "ops/all_ops.hpp"
#include "ops/campaign_view.hpp"
#include "ops/idempotent_create.hpp"
#include "ops/shaping.hpp"
#include "ops/budget_args.hpp"
#include "ops/write_support.hpp"

namespace fbmcp::ops {
namespace {

using tool::ChangePreview;
using tool::OpContext;
using tool::OpOutput;

// ---- create_campaign ----

struct PlannedCreate {
  std::string act_id;
  tool::AccountFacts account;
  graph::Params params;
  nlohmann::json budgets;  // minor units
};

core::Result<PlannedCreate> plan_create(const nlohmann::json& args, OpContext& ctx) {
  auto act = tool::normalize_account_id(args["ad_account_id"].get<std::string>());
  if (!act) return std::unexpected(act.error());
  auto account = ctx.accounts.get(*act);
  if (!account) return std::unexpected(account.error());
  PlannedCreate plan{*act, *account,
                     graph::Params{{"name", args["name"]},
                                   {"objective", args["objective"]},
                                   {"special_ad_categories", args["special_ad_categories"]},
                                   {"status", args.value("status", "PAUSED")}},  // creates default to PAUSED (DESIGN §5)
                     nullptr};
  auto budgets = budget_params(args, account->currency, plan.params);
  if (!budgets) return std::unexpected(budgets.error());
  plan.budgets = *budgets;
  if (auto allowed = check_spend_limits(ctx, *act, account->currency, plan.budgets, nullptr); !allowed) {
    return std::unexpected(allowed.error());
  }
  const bool campaign_budget = budgets->contains("daily_budget") || budgets->contains("lifetime_budget");
  if (!campaign_budget && !args.contains("is_adset_budget_sharing_enabled")) {
    // No silent default budget: the caller says where the money is set.
    return std::unexpected(invalid_args(
        "no budget given: set daily_budget or lifetime_budget for a campaign budget, or set "
        "is_adset_budget_sharing_enabled (true/false) to put budgets on the ad sets instead",
        R"(e.g. "daily_budget": {"amount": "25.00"}, or "is_adset_budget_sharing_enabled": false)", "args.daily_budget"));
  }
  if (budgets->contains("lifetime_budget") && !args.contains("stop_time")) {
    return std::unexpected(invalid_args("a lifetime_budget needs a stop_time", "add \"stop_time\": \"2026-12-31T23:59:00+0000\"",
                                   "args.stop_time"));
  }
  for (const char* field : {"buying_type", "bid_strategy", "start_time", "stop_time", "special_ad_category_country",
                            "promoted_object", "is_adset_budget_sharing_enabled"}) {
    if (args.contains(field)) plan.params.set(field, args[field]);
  }
  return plan;
}

core::Result<OpOutput> create_campaign(const nlohmann::json& args, OpContext& ctx) {
  auto plan = plan_create(args, ctx);
  if (!plan) return std::unexpected(plan.error());
  const std::string& act = plan->act_id;
  auto& params = plan->params;
  const bool dry_run = apply_dry_run(args, params);
  ctx.report("creating campaign in " + act);
  OpOutput out;
  if (dry_run) {
    // validate_only changes nothing, so it may be retried like a read.
    auto checked = ctx.graph.post(act + "/campaigns", params, graph::Idempotent::Yes);
    if (!checked) return std::unexpected(checked.error());
    if (auto ok = graph::expect_success(*checked, act + "/campaigns"); !ok) return std::unexpected(ok.error());
    out.data = {{"dry_run", true}, {"valid", true}, {"would_send", params_json(params)}};
    out.summary = "Dry run: Meta accepted the campaign '" + args["name"].get<std::string>() + "'; nothing was created.";
    return out;
  }
  const std::string objective = args["objective"];
  auto created = idempotent_create(
      ctx, args,
      CreateRequest{"create_campaign", act + "/campaigns", params, args["name"],
                    [objective](const nlohmann::json& c) {
                      const auto found = graph::read_string(c, "objective");
                      return found && *found == objective;
                    },
                    {"objective"}});
  if (!created) return std::unexpected(created.error());
  const std::string id = created->id;
  out.warnings = created->warnings;
  auto snapshot = fetch_campaign(ctx, id);
  if (!snapshot) return std::unexpected(snapshot.error());
  out.data = {{"id", id}, {"campaign", snapshot->campaign}};
  out.summary = "Created campaign " + id + " '" + snapshot->campaign.value("name", "") + "' (" +
                snapshot->campaign.value("status", "") + ") in " + act + ".";
  if (snapshot->campaign.value("status", "") == "PAUSED") {
    out.warnings.push_back("created PAUSED: it spends nothing until resume_campaign");
  }
  return out;
}

core::Result<std::optional<ChangePreview>> create_needs_confirmation(const nlohmann::json& args, OpContext& ctx) {
  if (args.value("status", "PAUSED") != "ACTIVE") return std::nullopt;
  auto plan = plan_create(args, ctx);
  if (!plan) return std::unexpected(plan.error());
  if (auto valid = validate_with_graph(ctx, plan->act_id + "/campaigns", plan->params); !valid) {
    return std::unexpected(valid.error());
  }
  std::string budget = "budgets on its ad sets";
  for (const char* field : kBudgetFields) {
    if (plan->budgets.contains(field)) {
      budget = std::string(field) + " " + money_text(plan->budgets[field], plan->account.currency);
    }
  }
  return ChangePreview{"Create campaign '" + args["name"].get<std::string>() + "' ACTIVE in " + plan->account.name +
                           " (" + budget + ")? It can start spending at once.",
                       {{"ad_account_id", plan->act_id},
                        {"status", "ACTIVE"},
                        {"budgets", budget_amounts(plan->budgets, plan->account.currency)},
                        {"currency", plan->account.currency}}};
}

// ---- update_campaign ----

struct PlannedUpdate {
  CampaignSnapshot before;
  graph::Params params;
  nlohmann::json budgets;  // minor units set by this update
};

core::Result<PlannedUpdate> plan_update(const nlohmann::json& args, OpContext& ctx) {
  auto before = fetch_campaign(ctx, args["campaign_id"].get<std::string>());
  if (!before) return std::unexpected(before.error());
  PlannedUpdate plan{std::move(*before), {}, {}};
  auto budgets = budget_params(args, plan.before.currency, plan.params);
  if (!budgets) return std::unexpected(budgets.error());
  plan.budgets = *budgets;
  if (auto allowed = check_spend_limits(ctx, plan.before.act_id, plan.before.currency, plan.budgets, plan.before.raw);
      !allowed) {
    return std::unexpected(allowed.error());
  }
  for (const char* field : {"name", "status", "bid_strategy", "start_time", "stop_time", "special_ad_categories"}) {
    if (args.contains(field)) plan.params.set(field, args[field]);
  }
  if (plan.params.items().empty()) {
    return std::unexpected(invalid_args("nothing to update: give at least one of name, status, daily_budget, "
                                   "lifetime_budget, bid_strategy, spend_cap, start_time, stop_time, "
                                   "special_ad_categories",
                                   R"(e.g. {"campaign_id": "…", "daily_budget": {"amount": "40.00"}})", "args"));
  }
  return plan;
}

core::Result<OpOutput> update_campaign(const nlohmann::json& args, OpContext& ctx) {
  auto plan = plan_update(args, ctx);
  if (!plan) return std::unexpected(plan.error());
  const std::string id = args["campaign_id"].get<std::string>();
  const bool dry_run = apply_dry_run(args, plan->params);
  // Setting fields to values is idempotent: retried on transient failures like a read.
  auto result = ctx.graph.post(id, plan->params, graph::Idempotent::Yes);
  if (!result) return std::unexpected(result.error());
  if (auto confirmed = graph::expect_success(*result, id); !confirmed) return std::unexpected(confirmed.error());
  OpOutput out;
  if (dry_run) {
    out.data = {{"dry_run", true}, {"valid", true}, {"would_send", params_json(plan->params)},
                {"campaign", plan->before.campaign}};
    out.summary = "Dry run: Meta accepted the update of campaign " + id + "; nothing changed.";
    return out;
  }
  auto after = fetch_campaign(ctx, id);
  if (!after) return std::unexpected(after.error());
  nlohmann::json changes = nlohmann::json::object();
  for (const auto& [key, value] : plan->params.items()) {
    const auto old_value = plan->before.campaign.value(key, nlohmann::json());
    const auto new_value = after->campaign.value(key, nlohmann::json());
    if (old_value != new_value) changes[key] = {{"before", old_value}, {"after", new_value}};
  }
  out.data = {{"campaign", after->campaign}, {"changes", changes}};
  out.summary = "Updated campaign " + id + " '" + after->campaign.value("name", "") + "':\n" + describe_changes(changes);
  return out;
}

core::Result<std::optional<ChangePreview>> update_needs_confirmation(const nlohmann::json& args, OpContext& ctx) {
  auto plan = plan_update(args, ctx);
  if (!plan) return std::unexpected(plan.error());
  const auto& raw = plan->before.raw;
  std::vector<std::string> reasons;
  nlohmann::json details = {{"campaign_id", args["campaign_id"]}, {"currency", plan->before.currency}};
  for (const char* field : kBudgetFields) {
    if (!plan->budgets.contains(field)) continue;
    const int64_t old_budget = current_budget(raw, field);
    const int64_t new_budget = plan->budgets[field];
    if (new_budget > old_budget) {
      reasons.push_back(std::string("raise ") + field + " from " + money_text(old_budget, plan->before.currency) +
                        " to " + money_text(new_budget, plan->before.currency));
      details[field] = {{"before", money::money_view(std::to_string(old_budget), plan->before.currency)},
                        {"after", money::money_view(std::to_string(new_budget), plan->before.currency)}};
    }
  }
  if (args.value("status", "") == "ACTIVE" && raw.value("status", "") != "ACTIVE") {
    reasons.push_back("activate it (status " + raw.value("status", "") + " → ACTIVE)");
    details["status"] = {{"before", raw.value("status", "")}, {"after", "ACTIVE"}};
  }
  if (reasons.empty()) return std::nullopt;
  if (auto valid = validate_with_graph(ctx, args["campaign_id"].get<std::string>(), plan->params); !valid) {
    return std::unexpected(valid.error());
  }
  std::string question = "Update campaign '" + raw.value("name", "") + "': ";
  for (size_t i = 0; i < reasons.size(); ++i) question += (i ? " and " : "") + reasons[i];
  return ChangePreview{question + "?", details};
}

}  // namespace

void register_campaign_write_ops(tool::OpRegistry& registry) {
  registry.add({"create_campaign", "campaigns",
                "Create a campaign (PAUSED unless status ACTIVE is confirmed); budget in account currency",
                tool::Effect::Write, false, create_campaign, create_needs_confirmation});
  registry.add({"update_campaign", "campaigns",
                "Change a campaign's name, budget, bid strategy, schedule or status; raising a budget needs confirmation",
                tool::Effect::Write, true, update_campaign, update_needs_confirmation});
}

}  // namespace fbmcp::ops
