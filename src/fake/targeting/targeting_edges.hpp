// Read-only edges Graph computes instead of listing stored objects: an ad account's reachestimate,
// delivery_estimate, targetingsentencelines and targetingsearch. Invalid specs get the ad set rules' errors.
#pragma once
#include <expected>
#include <nlohmann/json.hpp>
#include <string>

#include "fake/graph_error.hpp"
#include "fake/object_store.hpp"
#include "fake/write_context.hpp"

namespace fbmcp::fake {

using ComputedEdge = std::expected<nlohmann::json, GraphError> (*)(const WriteContext& ctx, const Node& node,
                                                                   const ParamMap& params);

// nullptr when `edge` of `type` is not a computed edge.
ComputedEdge find_computed_edge(const std::string& type, const std::string& edge);

}  // namespace fbmcp::fake
