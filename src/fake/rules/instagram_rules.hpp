// Instagram in the emulator: the time window of GET /<ig_user>/media (`since`, `until`: graph-api-facts.md
// "Instagram", PSDK adobjects/iguser.py get_media params) applied to the media's `timestamp`.
#pragma once
#include <optional>
#include <vector>

#include "fake/graph_error.hpp"
#include "fake/object_store.hpp"
#include "fake/write_context.hpp"

namespace fbmcp::fake {

// Keeps the media whose timestamp is >= since and <= until (either may be absent). Both take a Unix timestamp or
// an ISO 8601 datetime, as Graph's other time params do; anything else is refused with code 100 naming the param.
std::optional<GraphError> filter_media_by_time(const ParamMap& params, std::vector<const Node*>& media);

}  // namespace fbmcp::fake
