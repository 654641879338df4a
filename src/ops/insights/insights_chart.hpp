// `chart: true` on get_insights, performance_summary and compare_periods: a KPI over time as a PNG (chart/), attached
// as MCP image content, and described in data.chart (metric, days, series and their values) so a host that reads only
// structuredContent has the same numbers.
#pragma once
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "core/error.hpp"
#include "ops/insights/canonical_metrics.hpp"
#include "ops/insights/insights_request.hpp"
#include "tool/op_context.hpp"
#include "tool/op_spec.hpp"

namespace fbmcp::ops {

// A KPI chart's lines: daily Graph rows (time_increment=1) of one object, or of several (the level's ids).
struct KpiLine {
  std::string name;
  std::vector<nlohmann::json> daily_rows;  // Graph rows, each with date_start
};

struct KpiChartRequest {
  std::string title;
  std::string metric;                    // a canonical KPI name (kpi_value)
  std::string currency;                  // for money KPIs' axis label and values
  std::vector<std::string> days;         // the x axis, YYYY-MM-DD; a line's row on another day is not drawn
  CanonicalOptions options;              // how rows are read (attribution windows)
};

// Adds the PNG to out.images and data.chart; a chart that cannot be drawn is a warning, never a failed answer.
void attach_kpi_chart(tool::OpOutput& out, const KpiChartRequest& request, const std::vector<KpiLine>& lines);

// Daily rows at options.level → one line per object of that level (the `max_lines` with most spend), named by its
// name; rows without the level's id (account level) → one line named `whole`.
std::vector<KpiLine> lines_by_object(const std::vector<nlohmann::json>& rows, const CanonicalOptions& options,
                                     const std::string& whole, size_t max_lines);

// The days from `since` to `until` inclusive (YYYY-MM-DD); empty when either is not a date.
std::vector<std::string> days_between(const std::string& since, const std::string& until);

// The object's own daily rows from `since` to `until` (the question's attribution windows and filtering kept; no
// breakdowns), read through the cache like every insights read.
core::Result<std::vector<nlohmann::json>> daily_object_rows(tool::OpContext& ctx, const InsightsSubject& subject,
                                                            const InsightsRequest& question, const std::string& since,
                                                            const std::string& until);

// Rows of a period starting `since`, re-dated onto `days` by their position (day 1 on days[0], …): how the previous
// period is drawn against the current one.
std::vector<nlohmann::json> aligned_to(const std::vector<nlohmann::json>& rows, const std::string& since,
                                       const std::vector<std::string>& days);

// The chart arguments every charting op takes: `chart` (bool) and `chart_metric` (a KPI; default `fallback`).
struct ChartArgs {
  bool wanted = false;
  std::string metric;
};
ChartArgs chart_args(const nlohmann::json& args, const std::string& fallback);

}  // namespace fbmcp::ops
