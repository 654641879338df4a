#include "ops/insights/insights_chart.hpp"

#include <algorithm>
#include <cmath>
#include <map>

#include "chart/line_chart.hpp"
#include "core/calendar_day.hpp"
#include "money/currency.hpp"
#include "ops/insights/insights_fetch.hpp"

namespace fbmcp::ops {
namespace {

// Pictures stay small: a result is for a model's context, and 720×360 lines compress to a few tens of KB.
constexpr size_t kMaxChartBytes = 256 * 1024;

std::string metric_axis_label(const KpiChartRequest& request) {
  if (kpi_is_money(request.metric)) return request.metric + " (" + request.currency + ")";
  if (request.metric == "ctr") return "ctr (%)";
  return request.metric;
}

}  // namespace

ChartArgs chart_args(const nlohmann::json& args, const std::string& fallback) {
  return {args.value("chart", false), args.value("chart_metric", fallback)};
}

std::vector<std::string> days_between(const std::string& since, const std::string& until) {
  std::vector<std::string> days;
  auto first = core::parse_calendar_day(since);
  auto last = core::parse_calendar_day(until);
  if (!first || !last) return days;
  for (auto day = *first; day <= *last && days.size() < 1000; ++day) days.push_back(core::format_calendar_day(day));
  return days;
}

std::vector<KpiLine> lines_by_object(const std::vector<nlohmann::json>& rows, const CanonicalOptions& options,
                                     const std::string& whole, size_t max_lines) {
  const std::string id_key = options.level + "_id", name_key = options.level + "_name";
  std::map<std::string, KpiLine> by_id;
  std::map<std::string, int64_t> spend;
  for (const auto& row : rows) {
    if (!row.is_object()) continue;
    const auto id = row.find(id_key);
    const std::string key = id != row.end() && id->is_string() ? id->get<std::string>() : "";
    auto& line = by_id[key];
    if (line.name.empty()) {
      const auto name = row.find(name_key);
      line.name = key.empty() ? whole : (name != row.end() && name->is_string() ? name->get<std::string>() : key);
    }
    line.daily_rows.push_back(row);
    spend[key] += counts_of_row(row, options).spend_minor;
  }
  std::vector<std::pair<int64_t, std::string>> order;
  for (const auto& [id, line] : by_id) order.emplace_back(spend[id], id);
  std::ranges::sort(order, [](const auto& a, const auto& b) { return a.first != b.first ? a.first > b.first : a.second < b.second; });
  std::vector<KpiLine> lines;
  for (const auto& [ignored, id] : order) {
    if (lines.size() == max_lines) break;
    lines.push_back(std::move(by_id[id]));
  }
  return lines;
}

core::Result<std::vector<nlohmann::json>> daily_object_rows(tool::OpContext& ctx, const InsightsSubject& subject,
                                                            const InsightsRequest& question, const std::string& since,
                                                            const std::string& until) {
  InsightsRequest daily = question;
  for (const char* dropped : {"date_preset", "breakdowns", "sort"}) daily.params.erase(dropped);
  daily.params.set("level", subject.object_level);
  daily.params.set("time_increment", "1");
  daily.params.set("time_range", nlohmann::json{{"since", since}, {"until", until}});
  daily.breakdowns.clear();
  const auto days = days_between(since, until);
  auto fetched = fetch_insights(ctx, subject, daily, std::max<size_t>(days.size(), 1), "");
  if (!fetched) return std::unexpected(fetched.error());
  if (fetched->report_pending) {
    return core::fail(core::ErrorKind::RateLimited, "Meta is still computing the daily rows for the chart",
                      "ask again in a minute");
  }
  return std::move(fetched->rows);
}

std::vector<nlohmann::json> aligned_to(const std::vector<nlohmann::json>& rows, const std::string& since,
                                       const std::vector<std::string>& days) {
  std::vector<nlohmann::json> aligned;
  const auto first = core::parse_calendar_day(since);
  if (!first) return aligned;
  for (const auto& row : rows) {
    const auto day = core::parse_calendar_day(row.is_object() ? row.value("date_start", "") : "");
    if (!day || *day < *first || static_cast<size_t>(*day - *first) >= days.size()) continue;
    auto moved = row;
    moved["date_start"] = days[static_cast<size_t>(*day - *first)];
    aligned.push_back(std::move(moved));
  }
  return aligned;
}

void attach_kpi_chart(tool::OpOutput& out, const KpiChartRequest& request, const std::vector<KpiLine>& lines) {
  chart::LineChart picture;
  picture.title = request.title;
  picture.y_label = metric_axis_label(request);
  picture.x_labels = request.days;
  double scale = 1;  // money KPIs come in minor units
  if (kpi_is_money(request.metric)) {
    if (auto offset = money::currency_offset(request.currency)) scale = static_cast<double>(*offset);
  }
  nlohmann::json described = nlohmann::json::array();
  for (const auto& line : lines) {
    chart::Series series{line.name, std::vector<std::optional<double>>(request.days.size())};
    for (const auto& row : line.daily_rows) {
      const std::string day = row.is_object() ? row.value("date_start", "") : "";
      const auto at = std::ranges::find(request.days, day);
      if (at == request.days.end()) continue;
      if (auto value = kpi_value(counts_of_row(row, request.options), request.metric)) {
        series.values[static_cast<size_t>(at - request.days.begin())] = *value / scale;
      }
    }
    nlohmann::json values = nlohmann::json::array();
    for (const auto& v : series.values) {
      values.push_back(v ? nlohmann::json(std::round(*v * 100) / 100) : nlohmann::json());
    }
    described.push_back({{"name", line.name}, {"values", std::move(values)}});
    picture.series.push_back(std::move(series));
  }
  auto png = chart::render_png(picture);
  if (!png || png->size() > kMaxChartBytes) {
    out.warnings.push_back("the chart could not be drawn" + (png ? std::string(" within its size limit") : ": " + png.error().message));
    return;
  }
  out.data["chart"] = {{"metric", request.metric},
                       {"unit", kpi_is_money(request.metric) ? request.currency : (request.metric == "ctr" ? "%" : "")},
                       {"days", request.days},
                       {"series", std::move(described)},
                       {"image", "PNG in the result's image content"}};
  if (picture.series.size() > chart::kMaxSeries) out.data["chart"]["drawn_series"] = chart::kMaxSeries;
  out.images.push_back({"image/png", std::move(*png)});
}

}  // namespace fbmcp::ops
