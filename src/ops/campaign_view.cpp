#include "ops/campaign_view.hpp"

#include <algorithm>

#include "graph/json_fields.hpp"
#include "ops/shaping.hpp"

namespace fbmcp::ops {

const std::vector<std::string>& campaign_default_fields() {
  static const std::vector<std::string> kFields = {
      "id", "name", "objective", "status", "effective_status", "daily_budget", "lifetime_budget",
      "budget_remaining", "bid_strategy", "special_ad_categories", "start_time", "stop_time", "account_id"};
  return kFields;
}

const std::vector<std::string>& campaign_list_fields() {
  // As Ads Manager's default columns: name, delivery, budget (objective is a filter, or `fields`).
  static const std::vector<std::string> kFields = {"id", "name", "status", "effective_status", "daily_budget",
                                                   "lifetime_budget"};
  return kFields;
}

const std::vector<std::string>& campaign_money_fields() {
  static const std::vector<std::string> kFields = {"daily_budget", "lifetime_budget", "budget_remaining",
                                                   "spend_cap"};
  return kFields;
}

core::Result<void> check_campaign_shape(const nlohmann::json& campaign, std::string_view what) {
  if (!campaign.is_object()) {
    return std::unexpected(graph::unexpected_shape(
        what, "the campaign is " + std::string(graph::json_type_name(campaign)) + ", expected an object"));
  }
  for (const char* field : {"id", "name", "objective", "status", "effective_status", "configured_status",
                            "account_id", "bid_strategy", "buying_type", "start_time", "stop_time", "created_time",
                            "updated_time"}) {
    if (auto value = graph::read_string(campaign, field); !value) {
      return std::unexpected(graph::unexpected_shape(what, value.error()));
    }
  }
  for (const auto& field : campaign_money_fields()) {
    const auto it = campaign.find(field);
    if (it != campaign.end() && !it->is_null() && !it->is_string() && !it->is_number_integer()) {
      return std::unexpected(graph::unexpected_shape(
          what, "`" + field + "` is " + std::string(graph::json_type_name(*it)) + ", expected minor units"));
    }
  }
  if (const auto it = campaign.find("special_ad_categories");
      it != campaign.end() && !it->is_null() && !it->is_array()) {
    return std::unexpected(graph::unexpected_shape(
        what, "`special_ad_categories` is " + std::string(graph::json_type_name(*it)) + ", expected a list"));
  }
  return {};
}

core::Result<void> check_campaign_id(const std::string& id) {
  if (!id.empty() && std::all_of(id.begin(), id.end(), [](char c) { return c >= '0' && c <= '9'; })) return {};
  return std::unexpected(core::Error{core::ErrorKind::InvalidArgs,
                                     "args.campaign_id: '" + id + "' is not a campaign id",
                                     "campaign ids are numeric strings, e.g. \"120210000000000001\"; "
                                     "list_campaigns shows them",
                                     "args.campaign_id", std::nullopt, nullptr});
}

core::Result<CampaignSnapshot> fetch_campaign(tool::OpContext& ctx, const std::string& campaign_id,
                                              const nlohmann::json& args) {
  if (auto valid = check_campaign_id(campaign_id); !valid) return std::unexpected(valid.error());
  auto raw = ctx.graph.get(campaign_id, {{"fields", field_list(campaign_default_fields(), args)}});
  if (!raw) return std::unexpected(raw.error());
  if (auto shape = check_campaign_shape(*raw, campaign_id); !shape) return std::unexpected(shape.error());
  if (raw->value("account_id", "").empty()) {
    return std::unexpected(graph::unexpected_shape(campaign_id, "the campaign has no `account_id`"));
  }
  CampaignSnapshot snapshot;
  snapshot.act_id = "act_" + raw->value("account_id", "");
  auto account = ctx.accounts.get(snapshot.act_id);
  if (!account) return std::unexpected(account.error());
  snapshot.currency = account->currency;
  snapshot.raw = *raw;
  snapshot.campaign = std::move(*raw);
  shape_money(snapshot.campaign, campaign_money_fields(), snapshot.currency, money_form(args));
  // A single campaign says its money's currency once, beside the amounts (Graph has no such campaign field).
  snapshot.campaign["currency"] = snapshot.currency;
  return snapshot;
}

int64_t current_budget(const nlohmann::json& raw, const std::string& field) {
  const auto value = graph::read_int(raw, field);
  return value && *value ? **value : 0;
}

}  // namespace fbmcp::ops
