#include "ops/ads/ad_kind.hpp"

namespace fbmcp::ops {

const ObjectKind& ad_kind() {
  static const ObjectKind kKind = [] {
    ObjectKind k;
    k.noun = "ad";
    k.article = "an";
    k.plural = "ads";
    k.op_noun = "ad";
    k.family = "ads";
    k.id_arg = "ad_id";
    k.edge = "ads";
    k.example_id = "120212000000000001";
    // Field names: Meta SDK Ad.Field (fixtures/graph_model.json fields.ad, from NSDK src/objects/ad.js). `creative`
    // is an AdCreative node, read back as {"id": …}.
    k.default_fields = {"id", "name", "adset_id", "campaign_id", "account_id", "status", "effective_status", "creative"};
    k.detail_fields = {"configured_status", "tracking_specs", "created_time", "updated_time"};
    k.list_fields = {"id", "name", "status", "effective_status", "adset_id", "creative"};
    k.string_fields = {"id",     "name",          "adset_id",         "campaign_id",  "account_id",
                       "status", "configured_status", "effective_status", "created_time", "updated_time"};
    // Ads carry no money: budgets and bids sit on the ad set or campaign.
    k.update_fields = {"name", "status", "creative_id", "tracking_specs"};
    k.bulk_fields = {"status", "name"};
    // Meta SDK Ad.EffectiveStatus (graph-enums.json ad.effective_status).
    k.effective_statuses = {"ACTIVE",      "ADSET_PAUSED",   "ARCHIVED",        "CAMPAIGN_PAUSED",
                            "DELETED",     "DISAPPROVED",    "IN_PROCESS",      "PAUSED",
                            "PENDING_BILLING_INFO", "PENDING_REVIEW", "PREAPPROVED", "WITH_ISSUES"};
    k.paused_children = "its ad set and campaign keep running";
    k.no_budget_text = "spending from its ad set's or campaign's budget";
    k.bulk_what = "status or name";
    k.parent_id_field = "adset_id";  // duplicate_ad's adset_id puts the copy in another ad set
    // An ad's creative is set as creative={"creative_id": "<id>"} (PSDK examples/AdAccountAdsPost.py;
    // graph-api-facts.md §2, POST /act_<id>/ads).
    k.graph_param = [](const std::string& arg, const nlohmann::json& value) -> std::pair<std::string, nlohmann::json> {
      if (arg == "creative_id") return {"creative", nlohmann::json{{"creative_id", value}}};
      return {arg, value};
    };
    return k;
  }();
  return kKind;
}

}  // namespace fbmcp::ops
