// Ad-set writes: create_adset here (its pre-flight reads the campaign); update, status changes, bulk updates and
// copies are the shared ops (ops/common/) over adset_kind().
#include "ops/adsets/adset_kind.hpp"
#include "ops/adsets/adset_plan.hpp"
#include "ops/all_ops.hpp"
#include "ops/campaigns/campaign_kind.hpp"
#include "ops/common/bulk_update.hpp"
#include "ops/common/money_args.hpp"
#include "ops/common/object_copies.hpp"
#include "ops/common/object_create.hpp"
#include "ops/common/object_update.hpp"
#include "ops/common/object_view.hpp"
#include "ops/common/status_change.hpp"

namespace fbmcp::ops {
namespace {

using tool::OpContext;

// Bid strategies that bid a fixed amount need bid_amount (graph-api-facts.md §2: "bid_amount … needed for
// BID_CAP/COST_CAP"; Meta SDK AdSet.BidStrategy values).
bool needs_bid_amount(const std::string& strategy) {
  return strategy == "LOWEST_COST_WITH_BID_CAP" || strategy == "COST_CAP";
}

// billing_event may be left out when the goal allows only one: it is filled in and the caller told.
core::Result<void> plan_billing_event(const nlohmann::json& args, PlannedCreate& plan) {
  if (args.contains("billing_event")) {
    plan.params.set("billing_event", args["billing_event"]);
    return {};
  }
  const std::string goal = args["optimization_goal"];
  const auto only = only_billing_event(goal);
  if (!only) {
    return std::unexpected(invalid_args(
        "args.billing_event is required with optimization_goal " + goal + ", which Meta bills in more than one way",
        R"(e.g. "billing_event": "IMPRESSIONS" (or the goal's own event, such as LINK_CLICKS for LINK_CLICKS))",
        "args.billing_event"));
  }
  plan.params.set("billing_event", *only);
  plan.warnings.push_back("billing_event was not given: set to " + *only + ", the only billing event Meta allows with "
                          "optimization_goal " + goal);
  return {};
}

core::Result<void> plan_budget(const nlohmann::json& args, const ObjectSnapshot& campaign, PlannedCreate& plan) {
  auto money = money_params(args, adset_kind(), plan.account.currency, plan.params);
  if (!money) return std::unexpected(money.error());
  plan.money = *money;
  if (auto owner = check_campaign_budget_owner(campaign.raw, plan.money, campaign.currency, "args."); !owner) {
    return owner;
  }
  const bool campaign_budget = current_minor(campaign.raw, "daily_budget") > 0 ||
                               current_minor(campaign.raw, "lifetime_budget") > 0;
  const bool own_budget = plan.money.contains("daily_budget") || plan.money.contains("lifetime_budget");
  if (!campaign_budget && !own_budget) {
    // No silent default budget (DESIGN §5).
    return std::unexpected(invalid_args(
        "args.daily_budget: campaign " + campaign.object.value("id", "") + " '" + campaign.object.value("name", "") +
            "' has no campaign budget, so the ad set needs its own: give daily_budget or lifetime_budget",
        R"(e.g. "daily_budget": {"amount": "20.00"} (in )" + campaign.currency + ")",
        "args.daily_budget"));
  }
  if (plan.money.contains("lifetime_budget") && !args.contains("end_time")) {
    return std::unexpected(invalid_args("args.end_time: a lifetime_budget needs an end_time",
                                        R"(add "end_time": "2026-12-31T23:59:00+0000")", "args.end_time"));
  }
  // A bid strategy set on the campaign governs its ad sets when the campaign holds the budget.
  const std::string strategy = args.value("bid_strategy", campaign.raw.value("bid_strategy", ""));
  if (needs_bid_amount(strategy) && !plan.money.contains("bid_amount")) {
    return std::unexpected(invalid_args("args.bid_amount is required with bid strategy " + strategy,
                                        R"(e.g. "bid_amount": {"amount": "2.50"}, or "bid_strategy": "LOWEST_COST_WITHOUT_CAP")",
                                        "args.bid_amount"));
  }
  return {};
}

core::Result<PlannedCreate> plan_adset_create(const nlohmann::json& args, OpContext& ctx) {
  // The account, its currency and where the budget sits all come from the campaign.
  PlannedCreate plan;
  auto campaign = plan_under_parent(ctx, adset_kind(), campaign_kind(), args["campaign_id"].get<std::string>(), plan);
  if (!campaign) return std::unexpected(campaign.error());
  return plan_adset_in_campaign(args, ctx, *campaign, std::move(plan));
}

}  // namespace

core::Result<PlannedCreate> plan_adset_in_campaign(const nlohmann::json& args, OpContext& ctx,
                                                   const ObjectSnapshot& campaign, PlannedCreate plan) {
  const std::string campaign_id = args["campaign_id"].get<std::string>();
  plan.params = graph::Params{{"name", args["name"]},
                              {"campaign_id", campaign_id},
                              {"optimization_goal", args["optimization_goal"]},
                              {"status", args.value("status", "PAUSED")}};  // creates default to PAUSED (DESIGN §5)
  if (auto billing = plan_billing_event(args, plan); !billing) return std::unexpected(billing.error());
  if (auto budget = plan_budget(args, campaign, plan); !budget) return std::unexpected(budget.error());
  if (auto allowed = check_spend_limits(ctx, plan.act_id, plan.account.currency, plan.money, nullptr); !allowed) {
    return std::unexpected(allowed.error());
  }
  for (const char* field : {"bid_strategy", "start_time", "end_time", "targeting", "promoted_object",
                            "destination_type"}) {
    if (args.contains(field)) plan.params.set(field, args[field]);
  }
  match_parent(plan, "campaign_id", campaign_id);
  return plan;
}

void register_adset_write_ops(tool::OpRegistry& registry) {
  register_create_op(registry, adset_kind(),
                     "Create an ad set in a campaign (PAUSED unless status ACTIVE is confirmed); budget and bid in account "
                     "currency", plan_adset_create);
  register_update_op(registry, adset_kind(),
                     "Change an ad set's name, budget, bid, schedule, targeting or status; raising a budget or bid "
                     "needs confirmation");
  register_status_ops(registry, adset_kind());
  register_duplicate_op(registry, adset_kind(),
                        "Copy an ad set (PAUSED, name + suffix), optionally with its ads (deep_copy) or into another "
                        "campaign");
  register_bulk_update_op(registry, adset_kind());
}

}  // namespace fbmcp::ops
