// Campaigns as ops return them, and the lookups several campaign ops share.
#pragma once
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.hpp"
#include "tool/op_context.hpp"

namespace fbmcp::ops {

// Fields every campaign read returns unless the caller asks for more with `fields`.
const std::vector<std::string>& campaign_default_fields();
const std::vector<std::string>& campaign_money_fields();
// What a list row holds by default (lean: budgets and schedule details are in get_campaign or `fields`).
const std::vector<std::string>& campaign_list_fields();

struct CampaignSnapshot {
  nlohmann::json campaign;  // shaped: money in the form args asked for (compact by default)
  nlohmann::json raw;       // as Graph returned it (minor-unit strings)
  std::string currency;
  std::string act_id;
};

// GET /<campaign_id> with the default fields (plus extra), shaped in the owning account's currency.
core::Result<CampaignSnapshot> fetch_campaign(tool::OpContext& ctx, const std::string& campaign_id,
                                              const nlohmann::json& args = nlohmann::json::object());

// The campaign fields ops read have the types Graph documents (strings; money as strings or integers; lists), so
// later reads cannot throw. Otherwise an unexpected-shape GraphApi error naming the field and `what`.
core::Result<void> check_campaign_shape(const nlohmann::json& campaign, std::string_view what);

// Campaign ids are numeric strings; anything else is an InvalidArgs naming args.campaign_id.
core::Result<void> check_campaign_id(const std::string& id);

// The current budget in minor units (daily or lifetime), 0 when the campaign has none.
int64_t current_budget(const nlohmann::json& raw, const std::string& field);

}  // namespace fbmcp::ops
