#include "ops/adsets/adset_kind.hpp"

#include <set>

#include "ops/common/money_args.hpp"

namespace fbmcp::ops {

const ObjectKind& adset_kind() {
  static const ObjectKind kKind = [] {
    ObjectKind k;
    k.noun = "ad set";
    k.article = "an";
    k.plural = "ad sets";
    k.op_noun = "adset";
    k.family = "adsets";
    k.id_arg = "adset_id";
    k.end_field = "end_time";  // PSDK:examples/ad_creation_utils.py sends end_time with a lifetime budget
    k.edge = "adsets";
    k.example_id = "120211000000000001";
    // Field names: PSDK adobjects/adset.py (AdSet.Field).
    k.default_fields = {"id", "name", "campaign_id", "status", "effective_status", "optimization_goal",
                        "billing_event", "bid_strategy", "bid_amount", "daily_budget", "lifetime_budget",
                        "budget_remaining", "start_time", "end_time", "account_id"};
    k.detail_fields = {"targeting", "promoted_object", "destination_type"};
    k.list_fields = {"id",           "name",          "status",          "effective_status",
                     "optimization_goal", "daily_budget", "lifetime_budget", "bid_amount"};
    k.string_fields = {"id", "name", "campaign_id", "status", "effective_status", "configured_status", "account_id",
                       "optimization_goal", "billing_event", "bid_strategy", "destination_type", "start_time",
                       "end_time", "created_time", "updated_time"};
    k.money_fields = {"daily_budget", "lifetime_budget", "budget_remaining", "bid_amount"};
    k.money_args = {"daily_budget", "lifetime_budget", "bid_amount"};
    k.update_fields = {"name", "status", "daily_budget", "lifetime_budget", "bid_amount", "bid_strategy",
                       "start_time", "end_time", "targeting"};
    k.bulk_fields = {"status", "name", "daily_budget", "lifetime_budget", "bid_amount"};
    // Meta SDK AdSet.EffectiveStatus (graph-enums.json adset.effective_status).
    k.effective_statuses = {"ACTIVE", "ARCHIVED", "CAMPAIGN_PAUSED", "DELETED", "IN_PROCESS", "PAUSED", "WITH_ISSUES"};
    k.paused_children = "its ads show ADSET_PAUSED";
    k.delete_scope = " and its ads";
    k.no_budget_text = "budget set on its campaign";
    k.bulk_what = "status, name, budget or bid";
    k.parent_id_field = "campaign_id";
    k.parent_fields = "id,name,account_id,daily_budget,lifetime_budget,bid_strategy,status";
    k.parent_field = "campaign";  // AdSet.campaign is a Campaign node (Marketing API AdSet reference, Fields)
    k.check_budget_owner = check_campaign_budget_owner;
    return k;
  }();
  return kKind;
}

core::Result<void> check_campaign_budget_owner(const nlohmann::json& campaign, const nlohmann::json& money,
                                               const std::string& currency, const std::string& prefix) {
  // Budgets sit on the campaign or on its ad sets, never both (graph-api-facts.md §2, campaign create).
  for (const char* held : kBudgetFields) {
    const int64_t campaign_budget = current_minor(campaign, held);
    if (campaign_budget <= 0) continue;
    for (const char* field : kBudgetFields) {
      if (!money.contains(field)) continue;
      const std::string id = campaign.value("id", "");
      return std::unexpected(invalid_args(
          prefix + field + ": campaign " + id + " '" + campaign.value("name", "") + "' holds the budget (" + held +
              " " + money_text(campaign_budget, currency) +
              ", a campaign budget shared by its ad sets), so its ad sets cannot have their own",
          "leave out " + std::string(field) + " to spend from the campaign's budget; to budget per ad set, "
          "create a campaign without a budget (create_campaign with \"is_adset_budget_sharing_enabled\": false) "
          "and put the ad set there, or change the shared budget with update_campaign {\"campaign_id\": \"" + id +
              "\", \"" + held + "\": {\"amount\": \"…\"}}",
          prefix + field));
    }
  }
  return {};
}

std::optional<std::string> only_billing_event(const std::string& optimization_goal) {
  // Every goal can be billed by impressions; a goal that is itself a billable event may also be billed by it
  // (FBD/marketing-api/bidding/overview/billing-events: "Once you select optimization_goal, you may have one or
  // more billing_event options"; Meta SDK AdSet.BillingEvent values). The emulator applies the same rule.
  static const std::set<std::string> kBillableGoals = {"APP_INSTALLS", "LINK_CLICKS", "PAGE_LIKES", "POST_ENGAGEMENT",
                                                       "THRUPLAY"};
  if (kBillableGoals.contains(optimization_goal)) return std::nullopt;
  return "IMPRESSIONS";
}

}  // namespace fbmcp::ops
