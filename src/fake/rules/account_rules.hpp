// POST /act_<id>: the ad account's spend cap (spend_cap, spend_cap_action), with Meta's validation and its limit of
// 10 spend-limit changes per account per day.
#pragma once
#include "fake/write_context.hpp"

namespace fbmcp::fake {

WriteResult apply_account_update(WriteContext& ctx, const Node& node, const ParamMap& params);

}  // namespace fbmcp::fake
