// get_insights: canonical metrics for an ad account, campaign, ad set or ad over a period, at a level, by day (or
// any increment) and breakdown; switches to an async report by itself when Meta finds the query too large.
#include "graph/json_fields.hpp"
#include "graph/list_page.hpp"
#include "ops/all_ops.hpp"
#include "ops/insights/insights_ops.hpp"

namespace fbmcp::ops {
namespace {

constexpr size_t kDefaultRows = 50;

core::Result<tool::OpOutput> get_insights(const nlohmann::json& args, tool::OpContext& ctx) {
  auto subject = resolve_insights_subject(args, ctx);
  if (!subject) return std::unexpected(subject.error());
  auto request = build_insights_request(args, *subject);
  if (!request) return std::unexpected(request.error());
  const size_t limit = args.value("limit", kDefaultRows);
  auto fetched = fetch_insights(ctx, *subject, *request, limit, args.value("after", ""));
  if (!fetched) return std::unexpected(fetched.error());
  auto frame = insights_frame(args, *subject, *request);
  core::Result<std::optional<nlohmann::json>> totals = std::optional<nlohmann::json>();
  if (!fetched->report_pending) totals = read_insights_totals(ctx, *subject, *request);
  if (totals && *totals) frame.totals_row = &**totals;
  auto out = insights_output(*fetched, frame);
  if (!totals) {
    out.warnings.push_back("no totals (" + totals.error().message + "); the rows' counts add up, their reach does not");
  }
  return out;
}

}  // namespace

InsightsAnswerFrame insights_frame(const nlohmann::json& args, const InsightsSubject& subject,
                                   const InsightsRequest& request) {
  InsightsAnswerFrame frame;
  frame.about = {{"object", {{"level", subject.object_level}, {"id", subject.object_id}}},
                 {"level", request.level},
                 {"period", request.period}};
  if (!request.breakdowns.empty()) frame.about["breakdowns"] = request.breakdowns;
  frame.currency = subject.currency;
  frame.time_zone = subject.time_zone;
  frame.options.currency = subject.currency;
  frame.options.level = request.level;
  frame.options.breakdowns = request.breakdowns;
  frame.options.windows = request.windows;
  if (args.contains("metrics")) frame.options.metrics = args["metrics"].get<std::vector<std::string>>();
  return frame;
}

core::Result<std::optional<nlohmann::json>> read_insights_totals(tool::OpContext& ctx, const InsightsSubject& subject,
                                                                const InsightsRequest& request) {
  graph::Params params;
  for (const auto& [key, value] : request.params.items()) {
    if (key != "breakdowns" && key != "time_increment" && key != "sort" && key != "level") params.set(key, value);
  }
  params.set("level", subject.object_level);
  auto body = ctx.graph.get(subject.object_id + "/insights", params);
  if (!body) return std::unexpected(body.error());
  auto page = graph::parse_edge_page(*body, subject.object_id + "/insights");
  if (!page) return std::unexpected(page.error());
  if (page->items.empty()) return std::optional<nlohmann::json>();  // nothing delivered in the period
  return std::optional<nlohmann::json>(page->items.front());
}

void register_get_insights_op(tool::OpRegistry& registry) {
  registry.add({"get_insights", "insights",
                "Canonical metrics (spend, impressions, reach, clicks, CTR, CPC, CPM, conversions, ROAS) for an account, "
                "campaign, ad set or ad: any period, level, daily/monthly rows, breakdowns, attribution windows",
                tool::Effect::Read, true, get_insights, {}});
}

}  // namespace fbmcp::ops
