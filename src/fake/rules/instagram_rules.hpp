// Instagram in the emulator: the time window of GET /<ig_user>/media (`since`, `until`: graph-api-facts.md
// "Instagram", PSDK adobjects/iguser.py get_media params) applied to the media's `timestamp`; carousel children as
// IG Media nodes of their own (GET /<child>, GET /<album>/children), with no insights.
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

// Where a carousel child keeps its album's id (internal: not a Graph field, so no `fields` can name it). The
// /<album>/children edge lists the IG Media whose value here is the album's id.
inline constexpr const char* kCarouselParentKey = "__carousel_parent";

// Makes each child of a CAROUSEL_ALBUM an IG Media node of its own, as Graph has them (IG Media reference, edge
// "children": "Represents a collection of IG Media objects on an album IG Media"). The fixtures write a child
// inside its album (children.data[]); the node keeps what Graph shows of a child — id, media_type, media_url,
// thumbnail_url (video), timestamp (the album's, when the fixture gives none) — and no permalink ("Some fields,
// such as permalink, cannot be used on photos within albums (children)": ig-media/children reference,
// "Limitations"; a third-party client's model of a child, docs.rs instagram-basic-display-api MediaCarouselAlbumChild,
// has id, media_type, media_url, thumbnail_url, timestamp — and permalink, which Meta's reference rules out), no
// owner (so the account's /media edge lists the album, not its items). The album keeps only
// its children's ids, {"data": [{"id"}]}, which `fields=children{…}` expands from the child nodes.
void add_carousel_children(ObjectStore& store);

bool is_carousel_child(const Node& media);

// GET /<album>/children lists the items in the album's order, not newest first as other edges do.
void order_carousel_children(const Node& album, std::vector<const Node*>& children);

// GET /<child>/insights: "Insights data is not available for any media within an Instagram Media album" (IG Media
// Insights reference, "Limitations" → "Album metrics"). The documented rule is certain; the wording of Graph's
// error is not recorded anywhere we could find, so this answers as the emulator's other media-insights refusals do
// (code 100, OAuthException) with the reference's sentence.
GraphError carousel_child_insights_error();

}  // namespace fbmcp::fake
