// create_campaign's pre-flight, for the ops that make a campaign as one step of more (launch_ad).
#pragma once
#include <nlohmann/json.hpp>

#include "ops/common/object_create.hpp"

namespace fbmcp::ops {

// Args as create_campaign takes them; reads the account, checks budgets and spend limits, plans the request.
core::Result<PlannedCreate> plan_campaign_create(const nlohmann::json& args, tool::OpContext& ctx);

}  // namespace fbmcp::ops
