// Custom audiences in the emulator: POST /act_<id>/customaudiences for customer lists (subtype CUSTOM), website
// audiences (WEBSITE, a pixel rule), engagement audiences (ENGAGEMENT, a page or Instagram rule) and lookalikes
// (LOOKALIKE, origin_audience_id + lookalike_spec); a lookalike populates across reads; deleting an audience that
// active ad sets target is refused. Sources:
//   - graph-api-facts.md §2 "Custom audiences" (params, PSDK examples)
//   - FBD → documentation/ads-commerce/marketing-api/audiences/guides/custom-audiences: "subtype=CUSTOM and
//     customer_file_source in your API call"
//   - FBD → documentation/ads-commerce/marketing-api/audiences/guides/lookalike-audiences: name, origin_audience_id
//     ("Origin audiences must have at least 100 members"), lookalike_spec (type similarity|reach or ratio
//     0.01–0.20 by 0.01; starting_ratio < ratio; country or location_spec.geo_locations.countries)
#pragma once
#include <optional>

#include "fake/write_context.hpp"

namespace fbmcp::fake {

WriteResult build_custom_audience(WriteContext& ctx, const Node& account, const ParamMap& params);

// Called on each direct read of a node: a lookalike shows "being populated" on its first read and its size on the
// next (deterministic, so tests see both). True when the read changed the node.
bool advance_lookalike(Node& node);

// DELETE /<audience_id>: refused while an ad set that is not deleted or archived targets or excludes the audience
// (issue 11). Meta's exact error for this is not documented; code 100 blaming the audience is the emulator's.
std::optional<GraphError> check_audience_delete(const ObjectStore& store, const Node& audience);

}  // namespace fbmcp::fake
