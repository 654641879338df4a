#include "ops/insights/insights_output.hpp"

#include <algorithm>

namespace fbmcp::ops {

std::string attribution_text(const std::vector<std::string>& windows) {
  if (windows.empty()) return "7d_click + 1d_view (Meta's default attribution setting)";
  std::string text;
  for (const auto& w : windows) text += (text.empty() ? "" : ", ") + w;
  return text + " (conversions = widest click window + widest view window asked)";
}

tool::OpOutput insights_output(const FetchedInsights& fetched, const InsightsAnswerFrame& frame) {
  tool::OpOutput out;
  std::map<std::string, std::string> chosen;
  auto items = nlohmann::json::array();
  std::string first_day, last_day;
  for (const auto& row : fetched.rows) {
    auto canonical = canonical_row(row, frame.options, chosen);
    const std::string start = canonical.value("date_start", ""), stop = canonical.value("date_stop", "");
    if (!start.empty() && (first_day.empty() || start < first_day)) first_day = start;
    if (!stop.empty() && stop > last_day) last_day = stop;
    items.push_back(std::move(canonical));
  }
  out.data = frame.about;
  out.data["currency"] = frame.currency;
  if (!frame.time_zone.empty()) out.data["time_zone"] = frame.time_zone;
  out.data["attribution"] = attribution_text(frame.options.windows);
  if (frame.totals_row) {
    CanonicalOptions totals_options = frame.options;
    totals_options.breakdowns.clear();
    const auto totals = canonical_metrics(counts_of_row(*frame.totals_row, totals_options, &chosen), totals_options);
    out.data["totals"] = totals;
    first_day = frame.totals_row->value("date_start", first_day);
    last_day = frame.totals_row->value("date_stop", last_day);
  }
  if (!first_day.empty()) out.data["dates"] = {{"date_start", first_day}, {"date_stop", last_day}};
  if (!chosen.empty()) out.data["conversion_action_types"] = chosen;
  if (!fetched.report_run_id.empty()) out.data["report_run_id"] = fetched.report_run_id;
  out.data["count"] = items.size();
  out.data["items"] = std::move(items);
  out.row_cursors = fetched.row_cursors;
  if (fetched.after) out.paging = nlohmann::json{{"after", *fetched.after}, {"has_more", true}};

  if (fetched.report_pending) {
    out.data["report_status"] = {{"percent", fetched.report_percent}};
    out.next = nlohmann::json{{"op", "get_insights_report"},
                              {"args", {{"report_run_id", fetched.report_run_id}}},
                              {"why", "Meta is still computing this report; read it when it completes"}};
    out.summary = "Meta moved this query to an async report (" + fetched.report_run_id + "), " +
                  std::to_string(fetched.report_percent) + "% done; call get_insights_report to read it.";
    return out;
  }
  std::string summary = "Insights";
  if (frame.about.contains("object")) summary += " for " + frame.about["object"].value("id", "");
  if (!first_day.empty()) summary += ", " + first_day + " to " + last_day;
  if (!frame.time_zone.empty()) summary += " (" + frame.time_zone + ")";
  if (out.data.contains("totals") && out.data["totals"].contains("spend")) {
    summary += ": spend " + out.data["totals"]["spend"].get<std::string>() + " " + frame.currency;
  }
  summary += "; " + std::to_string(out.data["count"].get<size_t>()) + " row(s)";
  if (fetched.rows.empty()) summary += " — nothing was delivered in this period";
  out.summary = summary + ".";
  for (const char* column : {"date_start", "name"}) {
    if (column == std::string("name") && frame.options.level == "account") continue;
    out.table_columns.push_back(column);
  }
  for (const auto& b : frame.options.breakdowns) out.table_columns.push_back(b);
  for (const char* metric : {"spend", "impressions", "clicks", "ctr", "cpc"}) {
    if (frame.options.metrics.empty() ||
        std::find(frame.options.metrics.begin(), frame.options.metrics.end(), metric) != frame.options.metrics.end()) {
      out.table_columns.push_back(metric);
    }
  }
  return out;
}

}  // namespace fbmcp::ops
