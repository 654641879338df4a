#include "ops/campaign_view.hpp"

#include <algorithm>

#include "ops/shaping.hpp"

namespace fbmcp::ops {

const std::vector<std::string>& campaign_default_fields() {
  static const std::vector<std::string> kFields = {
      "id", "name", "objective", "status", "effective_status", "daily_budget", "lifetime_budget",
      "budget_remaining", "bid_strategy", "special_ad_categories", "start_time", "stop_time", "account_id"};
  return kFields;
}

const std::vector<std::string>& campaign_money_fields() {
  static const std::vector<std::string> kFields = {"daily_budget", "lifetime_budget", "budget_remaining",
                                                   "spend_cap"};
  return kFields;
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
  CampaignSnapshot snapshot;
  snapshot.act_id = "act_" + raw->value("account_id", "");
  auto account = ctx.accounts.get(snapshot.act_id);
  if (!account) return std::unexpected(account.error());
  snapshot.currency = account->currency;
  snapshot.raw = *raw;
  snapshot.campaign = std::move(*raw);
  shape_money(snapshot.campaign, campaign_money_fields(), snapshot.currency);
  return snapshot;
}

int64_t current_budget(const nlohmann::json& raw, const std::string& field) {
  if (!raw.contains(field)) return 0;
  const auto& value = raw[field];
  try {
    return value.is_string() ? std::stoll(value.get<std::string>()) : value.get<int64_t>();
  } catch (...) {
    return 0;
  }
}

}  // namespace fbmcp::ops
