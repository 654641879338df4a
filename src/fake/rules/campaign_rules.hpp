// Graph's rules for creating and updating campaigns (POST /act_<id>/campaigns, POST /<campaign_id>), per
// shared/reference/graph-api-facts.md §2 and Meta's SDK enums.
#pragma once
#include "fake/write_context.hpp"

namespace fbmcp::fake {

// Returns the campaign as it would be stored (id allocated by the caller only when it is kept).
WriteResult build_campaign(WriteContext& ctx, const Node& account, const ParamMap& params);
// Returns the campaign's data after applying `params`; the caller stores it unless validate_only.
WriteResult apply_campaign_update(WriteContext& ctx, const Node& campaign, const ParamMap& params);

}  // namespace fbmcp::fake
