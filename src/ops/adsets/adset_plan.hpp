// create_adset's pre-flight once its campaign is known, for the ops that make an ad set as one step of more
// (launch_ad, whose campaign is made in the same batch).
#pragma once
#include <nlohmann/json.hpp>

#include "ops/common/object_create.hpp"
#include "ops/common/object_view.hpp"

namespace fbmcp::ops {

// Args as create_adset takes them (campaign_id may be a batch reference); `campaign` is the campaign as read, or as
// it is about to be made (raw: objective, budgets in minor units, bid_strategy). `plan` has the account filled in.
core::Result<PlannedCreate> plan_adset_in_campaign(const nlohmann::json& args, tool::OpContext& ctx,
                                                   const ObjectSnapshot& campaign, PlannedCreate plan);

}  // namespace fbmcp::ops
