// Saved audiences: a named targeting spec an ad account keeps for reuse. POST /act_<id>/saved_audiences with
// `name`, `targeting` and `description`, listed by GET /act_<id>/saved_audiences (PSDK adobjects/adaccount.py
// get_saved_audiences; SavedAudience fields account, description, id, name, targeting, time_created, time_updated in
// facebook-nodejs-business-sdk src/objects/saved-audience.js). The targeting is checked as an ad set's is.
#pragma once
#include "fake/write_context.hpp"

namespace fbmcp::fake {

WriteResult build_saved_audience(WriteContext& ctx, const Node& account, const ParamMap& params);

}  // namespace fbmcp::fake
