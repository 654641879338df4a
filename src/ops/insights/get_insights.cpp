// get_insights: canonical metrics for an ad account, campaign, ad set or ad over a period, at a level, by day (or
// any increment) and breakdown; switches to an async report by itself when Meta finds the query too large.
#include "graph/json_fields.hpp"
#include "graph/list_page.hpp"
#include "ops/all_ops.hpp"
#include "chart/line_chart.hpp"
#include "ops/common/cached_read.hpp"
#include "ops/insights/insights_chart.hpp"
#include "ops/insights/insights_ops.hpp"

namespace fbmcp::ops {
namespace {

constexpr size_t kDefaultRows = 50;

// get_insights draws the rows it answers: daily rows (time_increment 1) without breakdowns, a line per object of the
// level (the six with most spend).
void add_rows_chart(tool::OpOutput& out, const FetchedInsights& fetched, const InsightsAnswerFrame& frame,
                    const InsightsRequest& request, const ChartArgs& charting) {
  const auto* increment = request.params.find("time_increment");
  if (!increment || *increment != "1" || !request.breakdowns.empty()) {
    out.warnings.push_back("no chart: a chart draws daily rows without breakdowns; ask with time_increment: 1");
    return;
  }
  if (fetched.rows.empty() || !out.data.contains("dates")) return;
  const auto& dates = out.data["dates"];
  const auto days = days_between(dates.value("date_start", ""), dates.value("date_stop", ""));
  std::string title = charting.metric + " by day, " + frame.about["object"].value("id", "");
  if (frame.options.level != frame.about["object"].value("level", "")) title += " by " + frame.options.level;
  attach_kpi_chart(out, {title, charting.metric, frame.currency, days, frame.options},
                   lines_by_object(fetched.rows, frame.options, "total", chart::kMaxSeries));
  if (fetched.after) out.warnings.push_back("the chart draws the rows of this answer only; more rows continue with after");
}

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
  if (const auto charting = chart_args(args, "spend"); charting.wanted) add_rows_chart(out, *fetched, frame, *request, charting);
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
  auto read = read_through_cache(ctx, "insights", insights_cache_query("totals", subject, params, 1, ""),
                                 kInsightsCacheSeconds, request.fresh, [&]() -> core::Result<nlohmann::json> {
                                   auto body = ctx.graph.get(subject.object_id + "/insights", params);
                                   if (!body) return std::unexpected(body.error());
                                   auto page = graph::parse_edge_page(*body, subject.object_id + "/insights");
                                   if (!page) return std::unexpected(page.error());
                                   // Nothing delivered in the period: no row, and that answer is kept too.
                                   return nlohmann::json{{"row", page->items.empty() ? nlohmann::json()
                                                                                      : page->items.front()}};
                                 });
  if (!read) return std::unexpected(read.error());
  const auto row = read->value.find("row");
  if (row == read->value.end() || !row->is_object()) return std::optional<nlohmann::json>();
  return std::optional<nlohmann::json>(*row);
}

void register_get_insights_op(tool::OpRegistry& registry) {
  registry.add({"get_insights", "insights",
                "Canonical metrics (spend, impressions, reach, clicks, CTR, CPC, CPM, conversions, ROAS) for an account, "
                "campaign, ad set or ad: any period, level, daily/monthly rows, breakdowns, attribution windows",
                tool::Effect::Read, true, get_insights, {}});
}

}  // namespace fbmcp::ops
