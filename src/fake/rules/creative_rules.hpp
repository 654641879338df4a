// Graph's rules for creating ad creatives (POST /act_<id>/adcreatives): a page the token can use, the story spec
// (link_data, video_data, carousel child_attachments) or an existing page post, the account's images. Creatives
// are immutable once made (graph-api-facts.md §2): POST /<creative_id> takes only name, status, adlabels.
#pragma once
#include "fake/write_context.hpp"

namespace fbmcp::fake {

// Returns the creative as it would be stored (id allocated by the caller only when it is kept).
WriteResult build_creative(WriteContext& ctx, const Node& account, const ParamMap& params);
// Returns the creative's data after a rename or status change; any content field is refused (code 100 naming it).
WriteResult apply_creative_update(WriteContext& ctx, const Node& creative, const ParamMap& params);

}  // namespace fbmcp::fake
