// audience_overlap: how many people two audiences share, estimated from Meta's reach estimates (GET
// /act_<id>/reachestimate, graph-api-facts.md §2) because Graph has no overlap endpoint in its public API: reach of
// A, reach of B, and reach of A excluding B (excluded_custom_audiences); overlap = reach(A) − reach(A without B).
// Each reach is the middle of Meta's lower and upper bound, in the same countries. The method is in the result.
#include <algorithm>
#include <cstdio>

#include "graph/json_fields.hpp"
#include "ops/all_ops.hpp"
#include "ops/audiences/audience_view.hpp"
#include "ops/audiences/audiences_ops.hpp"
#include "ops/targeting/targeting_args.hpp"

namespace fbmcp::ops {
namespace {

using tool::OpContext;
using tool::OpOutput;

core::Result<int64_t> reach_of(OpContext& ctx, const std::string& act, const nlohmann::json& spec) {
  auto reach = ctx.graph.get(act + "/reachestimate", {{"targeting_spec", spec}});
  if (!reach) return std::unexpected(reach.error());
  const auto data = graph::read_object(*reach, "data");
  if (!data || !*data) return core::fail(core::ErrorKind::GraphApi, "reachestimate answered without data");
  const auto bound = [&](const char* key) -> int64_t {
    const auto value = graph::read_int(**data, key);
    return value && *value ? **value : 0;
  };
  return (bound("users_lower_bound") + bound("users_upper_bound")) / 2;
}

core::Result<OpOutput> audience_overlap(const nlohmann::json& args, OpContext& ctx) {
  auto act = tool::normalize_account_id(args["ad_account_id"].get<std::string>());
  if (!act) return std::unexpected(act.error());
  const std::string a = args["audience_a_id"].get<std::string>();
  const std::string b = args["audience_b_id"].get<std::string>();
  if (a == b) {
    auto e = core::fail(core::ErrorKind::InvalidArgs, "audience_a_id and audience_b_id are the same audience",
                        "give two different audiences (list_audiences shows them)");
    e.error().path = "audience_b_id";
    return e;
  }
  auto audience_a = fetch_audience(ctx, a);
  if (!audience_a) return std::unexpected(audience_a.error());
  auto audience_b = fetch_audience(ctx, b);
  if (!audience_b) {
    auto error = audience_b.error();
    if (error.path == "audience_id") error.path = "audience_b_id";
    return std::unexpected(std::move(error));
  }
  const nlohmann::json geo = {{"countries", args.value("countries", nlohmann::json::array({"US"}))}};
  const auto spec = [&](const std::string& in, const std::string& out) {
    nlohmann::json s = {{"geo_locations", geo}, {"custom_audiences", nlohmann::json::array({{{"id", in}}})}};
    if (!out.empty()) s["excluded_custom_audiences"] = nlohmann::json::array({{{"id", out}}});
    return s;
  };
  ctx.report("estimating reach of both audiences and of A without B");
  auto reach_a = reach_of(ctx, *act, spec(a, ""));
  if (!reach_a) return std::unexpected(reach_a.error());
  auto reach_b = reach_of(ctx, *act, spec(b, ""));
  if (!reach_b) return std::unexpected(reach_b.error());
  auto a_without_b = reach_of(ctx, *act, spec(a, b));
  if (!a_without_b) return std::unexpected(a_without_b.error());
  const int64_t overlap = std::clamp<int64_t>(*reach_a - *a_without_b, 0, std::min(*reach_a, *reach_b));
  const auto share = [](int64_t part, int64_t whole) { return whole > 0 ? static_cast<double>(part) * 100.0 / static_cast<double>(whole) : 0.0; };
  const auto rounded = [](double percent) { return static_cast<double>(static_cast<int64_t>(percent * 10 + 0.5)) / 10; };
  OpOutput out;
  out.data = {{"ad_account_id", *act},
              {"audience_a", {{"id", a}, {"name", audience_a->value("name", "")}, {"reach", *reach_a}}},
              {"audience_b", {{"id", b}, {"name", audience_b->value("name", "")}, {"reach", *reach_b}}},
              {"reach_a_excluding_b", *a_without_b},
              {"overlap", overlap},
              {"overlap_percent_of_a", rounded(share(overlap, *reach_a))},
              {"overlap_percent_of_b", rounded(share(overlap, *reach_b))},
              {"countries", geo["countries"]},
              {"method", "Estimated from Meta's reach estimates (GET /act_<id>/reachestimate) in the given countries: "
                         "overlap = reach(A) − reach(A excluding B); each reach is the middle of Meta's lower and upper "
                         "bound. An estimate, not a count: small audiences round coarsely."}};
  char percents[64];
  std::snprintf(percents, sizeof percents, "%.1f%% of A, %.1f%% of B", out.data["overlap_percent_of_a"].get<double>(),
                out.data["overlap_percent_of_b"].get<double>());
  out.summary = "About " + people_count(overlap) + " people are in both '" + audience_a->value("name", "") + "' and '" +
                audience_b->value("name", "") + "' (" + percents + "), estimated from reach estimates.";
  return out;
}

}  // namespace

void register_audience_overlap_op(tool::OpRegistry& registry) {
  registry.add({"audience_overlap", "audiences",
                "Estimated overlap of two audiences from Meta's reach estimates (reach of A, of B, of A excluding B)",
                tool::Effect::Read, true, audience_overlap, {}});
}

}  // namespace fbmcp::ops
