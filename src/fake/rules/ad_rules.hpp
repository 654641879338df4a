// Graph's rules for creating and updating ads (POST /act_<id>/ads, POST /<ad_id>): the ad set it joins, the creative
// it shows (creative={"creative_id": …}), its status and tracking specs. Review states: fake/status_rules.hpp.
#pragma once
#include "fake/write_context.hpp"

namespace fbmcp::fake {

// Returns the ad as it would be stored (id allocated by the caller only when it is kept).
WriteResult build_ad(WriteContext& ctx, const Node& account, const ParamMap& params);
// Returns the ad's data after applying `params`; the caller stores it unless validate_only.
WriteResult apply_ad_update(WriteContext& ctx, const Node& ad, const ParamMap& params);
// The ad set an ad is made in or copied into: an ad set of account `account_id`, not DELETED or ARCHIVED; otherwise
// code 100 naming adset_id.
std::expected<const Node*, GraphError> adset_for_ad(const WriteContext& ctx, const std::string& adset_id,
                                                    const std::string& account_id);

}  // namespace fbmcp::fake
