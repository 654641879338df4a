// Fields of one node that name another node: an ad set's `campaign`, an ad's `adset`, `campaign` and `creative`.
// Graph expands them on request (`fields=campaign{daily_budget}`), which lets a client read an object and its
// parent in one request; unasked-for sub-fields default to the referenced node's id.
#pragma once
#include <optional>
#include <string>
#include <vector>

#include "fake/object_store.hpp"

namespace fbmcp::fake {

// The id of the node `field` of `node` refers to, when `field` is such a reference and the node names one.
std::optional<std::string> referenced_id(const Node& node, const std::string& field);

// Fields that are edges read as a field and whose rows are nodes of their own: IG Media `children`
// (fields=children{media_type,media_url}; IG Media reference, "Edges"). The ids, in order, when `field` is one.
std::optional<std::vector<std::string>> referenced_ids(const Node& node, const std::string& field);

}  // namespace fbmcp::fake
