// GET /<page|ig_user|ig_media>/insights in the emulator: numbers generated deterministically from the object's id,
// the metric and the day (delivery/seeded_random.hpp, as the delivery engine does for ads), scaled by the object's
// own counts (followers, likes), and Graph's refusals for metrics an object does not have (social_metrics.hpp).
#pragma once
#include <cstdint>
#include <expected>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>

#include "fake/graph_error.hpp"
#include "fake/object_store.hpp"
#include "fake/write_context.hpp"

namespace fbmcp::fake {

// nullopt when `edge` of `node` is not a page / Instagram insights edge; `now` is the emulator's clock.
std::optional<std::expected<nlohmann::json, GraphError>> social_insights_edge(const Node& node,
                                                                              const std::string& edge,
                                                                              const ParamMap& params, int64_t now);

}  // namespace fbmcp::fake
