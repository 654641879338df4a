// Campaign writes: create_campaign here (its pre-flight is the campaign's own); update, status changes, bulk updates
// and copies are the shared ops (ops/common/) over campaign_kind().
#include "graph/json_fields.hpp"
#include "ops/all_ops.hpp"
#include "ops/campaigns/campaign_kind.hpp"
#include "ops/campaigns/campaign_plan.hpp"
#include "ops/common/bulk_update.hpp"
#include "ops/common/money_args.hpp"
#include "ops/common/object_copies.hpp"
#include "ops/common/object_create.hpp"
#include "ops/common/object_update.hpp"
#include "ops/common/status_change.hpp"

namespace fbmcp::ops {

using tool::OpContext;

core::Result<PlannedCreate> plan_campaign_create(const nlohmann::json& args, OpContext& ctx) {
  auto act = tool::normalize_account_id(args["ad_account_id"].get<std::string>());
  if (!act) return std::unexpected(act.error());
  auto account = ctx.accounts.get(*act);
  if (!account) return std::unexpected(account.error());
  const std::string objective = args["objective"];
  PlannedCreate plan;
  plan.act_id = *act;
  plan.account = *account;
  plan.edge = *act + "/campaigns";
  plan.where = "in " + *act;
  plan.params = graph::Params{{"name", args["name"]},
                              {"objective", args["objective"]},
                              {"special_ad_categories", args["special_ad_categories"]},
                              {"status", args.value("status", "PAUSED")}};  // creates default to PAUSED (DESIGN §5)
  plan.same_object = [objective](const nlohmann::json& c) {
    const auto found = graph::read_string(c, "objective");
    return found && *found && **found == objective;
  };
  plan.match_fields = {"objective"};
  auto money = money_params(args, campaign_kind(), account->currency, plan.params);
  if (!money) return std::unexpected(money.error());
  plan.money = *money;
  if (auto allowed = check_spend_limits(ctx, *act, account->currency, plan.money, nullptr); !allowed) {
    return std::unexpected(allowed.error());
  }
  const bool campaign_budget = money->contains("daily_budget") || money->contains("lifetime_budget");
  if (!campaign_budget && !args.contains("is_adset_budget_sharing_enabled")) {
    // No silent default budget: the caller says where the money is set.
    return std::unexpected(invalid_args(
        "no budget given: set daily_budget or lifetime_budget for a campaign budget, or set "
        "is_adset_budget_sharing_enabled (true/false) to put budgets on the ad sets instead",
        R"(e.g. "daily_budget": {"amount": "25.00"}, or "is_adset_budget_sharing_enabled": false)", "args.daily_budget"));
  }
  if (money->contains("lifetime_budget") && !args.contains("stop_time")) {
    return std::unexpected(invalid_args("a lifetime_budget needs a stop_time",
                                        "add \"stop_time\": \"2026-12-31T23:59:00+0000\"", "args.stop_time"));
  }
  for (const char* field : {"buying_type", "bid_strategy", "start_time", "stop_time", "special_ad_category_country",
                            "promoted_object", "is_adset_budget_sharing_enabled"}) {
    if (args.contains(field)) plan.params.set(field, args[field]);
  }
  return plan;
}

void register_campaign_write_ops(tool::OpRegistry& registry) {
  register_create_op(registry, campaign_kind(),
                     "Create a campaign (PAUSED unless status ACTIVE is confirmed); budget in account currency", plan_campaign_create);
  register_update_op(registry, campaign_kind(),
                     "Change a campaign's name, budget, bid strategy, schedule or status; raising a budget needs "
                     "confirmation");
  register_status_ops(registry, campaign_kind());
  register_bulk_update_op(registry, campaign_kind());
  register_duplicate_op(registry, campaign_kind(),
                        "Copy a campaign (PAUSED, name + suffix), optionally with its ad sets and ads (deep_copy; large "
                        "trees go through Meta's asynchronous batch requests); lists every copied id");
}

}  // namespace fbmcp::ops
