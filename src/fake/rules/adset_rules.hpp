// Graph's rules for creating and updating ad sets (POST /act_<id>/adsets, POST /<adset_id>): the campaign link
// and its limits, the objective ↔ optimization_goal ↔ billing_event matrix, bid strategy and bid_amount, budgets at
// one level (CBO/ABO), schedule, promoted_object, and the targeting spec (fake/targeting/targeting_spec.hpp).
#pragma once
#include "fake/write_context.hpp"

namespace fbmcp::fake {

// Returns the ad set as it would be stored (id allocated by the caller only when it is kept).
WriteResult build_adset(WriteContext& ctx, const Node& account, const ParamMap& params);
// Returns the ad set's data after applying `params`; the caller stores it unless validate_only.
WriteResult apply_adset_update(WriteContext& ctx, const Node& adset, const ParamMap& params);
// Checks a whole ad set (as stored or about to be) against its campaign: used by create, update and copies.
std::optional<GraphError> check_adset(const WriteContext& ctx, const nlohmann::json& adset, const Node& campaign);
// Meta allows 200 ad sets per campaign (adset_rules.cpp, kMaxAdsetsPerCampaign); a create or a copy into a full
// campaign is refused with code 100 naming campaign_id.
std::optional<GraphError> check_room_for_adset(const WriteContext& ctx, const std::string& campaign_id);

}  // namespace fbmcp::fake
