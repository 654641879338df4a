#include "ops/campaigns/campaign_kind.hpp"

namespace fbmcp::ops {

const ObjectKind& campaign_kind() {
  static const ObjectKind kKind = [] {
    ObjectKind k;
    k.noun = "campaign";
    k.article = "a";
    k.plural = "campaigns";
    k.op_noun = "campaign";
    k.family = "campaigns";
    k.id_arg = "campaign_id";
    k.end_field = "stop_time";
    k.edge = "campaigns";
    k.example_id = "120210000000000001";
    k.default_fields = {"id", "name", "objective", "status", "effective_status", "daily_budget", "lifetime_budget",
                        "budget_remaining", "bid_strategy", "special_ad_categories", "start_time", "stop_time",
                        "account_id"};
    // As Ads Manager's default columns: name, delivery, budget (objective is a filter, or `fields`).
    k.list_fields = {"id", "name", "status", "effective_status", "daily_budget", "lifetime_budget"};
    k.string_fields = {"id", "name", "objective", "status", "effective_status", "configured_status", "account_id",
                       "bid_strategy", "buying_type", "start_time", "stop_time", "created_time", "updated_time"};
    k.money_fields = {"daily_budget", "lifetime_budget", "budget_remaining", "spend_cap"};
    k.money_args = {"daily_budget", "lifetime_budget", "spend_cap"};
    k.update_fields = {"name", "status", "daily_budget", "lifetime_budget", "bid_strategy", "spend_cap",
                       "start_time", "stop_time", "special_ad_categories"};
    k.bulk_fields = {"status", "name", "daily_budget", "lifetime_budget"};
    // Meta SDK Campaign.EffectiveStatus (graph-enums.json campaign.effective_status).
    k.effective_statuses = {"ACTIVE", "ARCHIVED", "DELETED", "IN_PROCESS", "PAUSED", "WITH_ISSUES"};
    k.paused_children = "its ad sets show CAMPAIGN_PAUSED";
    k.delete_scope = " and its ad sets and ads";
    k.no_budget_text = "budgets set on its ad sets";
    k.bulk_what = "status, name or budget";
    return k;
  }();
  return kKind;
}

}  // namespace fbmcp::ops
