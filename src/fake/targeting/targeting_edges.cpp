#include "fake/targeting/targeting_edges.hpp"

#include "fake/targeting/audience_estimate.hpp"
#include "fake/targeting/targeting_search.hpp"
#include "fake/targeting/targeting_spec.hpp"

namespace fbmcp::fake {
namespace {

std::expected<nlohmann::json, GraphError> spec_param(const WriteContext& ctx, const ParamMap& params) {
  auto spec = json_param(params, "targeting_spec");
  if (!spec) return std::unexpected(missing_param("targeting_spec"));
  if (auto e = validate_targeting(ctx.targeting, ctx.store, *spec, "targeting_spec", nlohmann::json::array())) {
    return std::unexpected(*e);
  }
  return *spec;
}

std::expected<nlohmann::json, GraphError> reach(const WriteContext& ctx, const Node&, const ParamMap& params) {
  auto spec = spec_param(ctx, params);
  if (!spec) return std::unexpected(spec.error());
  return reach_estimate(ctx.targeting, ctx.store, *spec);
}

std::expected<nlohmann::json, GraphError> delivery(const WriteContext& ctx, const Node&, const ParamMap& params) {
  const auto goal = param(params, "optimization_goal");
  if (!goal) {
    // Graph's wording, quoted in facebook/facebook-php-business-sdk issue #308.
    GraphError e = missing_param("optimization_goal");
    e.message = "(#100) For field 'delivery_estimate': The parameter optimization_goal is required";
    return std::unexpected(e);
  }
  if (auto e = check_enum(ctx, "adset.optimization_goal", "optimization_goal", *goal)) return std::unexpected(*e);
  auto spec = spec_param(ctx, params);
  if (!spec) return std::unexpected(spec.error());
  return delivery_estimate(ctx.targeting, ctx.store, *spec, *goal);
}

std::expected<nlohmann::json, GraphError> sentences(const WriteContext& ctx, const Node& node, const ParamMap& params) {
  auto spec = spec_param(ctx, params);
  if (!spec) return std::unexpected(spec.error());
  return targeting_sentence_lines(ctx.targeting, *spec, node.data.value("id", ""));
}

std::expected<nlohmann::json, GraphError> search(const WriteContext& ctx, const Node&, const ParamMap& params) {
  return account_targeting_search(ctx.targeting, params);
}

struct Row {
  const char* type;
  const char* edge;
  ComputedEdge handler;
};

constexpr Row kTargetingEdges[] = {
    {"adaccount", "reachestimate", reach},
    {"adaccount", "delivery_estimate", delivery},
    {"adaccount", "targetingsentencelines", sentences},
    {"adaccount", "targetingsearch", search},
};

}  // namespace

ComputedEdge find_computed_edge(const std::string& type, const std::string& edge) {
  for (const auto& row : kTargetingEdges) {
    if (type == row.type && edge == row.edge) return row.handler;
  }
  return nullptr;
}

}  // namespace fbmcp::fake
