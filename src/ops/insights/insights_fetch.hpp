// Reading insights rows from Graph: synchronously when Graph answers so, and through an async report when Graph
// finds the query too large (code 100, subcode 1487534: graph-api-facts §3). Report runs are polled with growing
// pauses (Meta's usage headers pace every call through the client as well), progress is reported on each poll, and
// the wait is bounded — past it the caller gets the report id to continue with get_insights_report.
// Answers are kept 10 minutes in the response cache per token and question (issue 10); `fresh: true` asks again.
#pragma once
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "core/error.hpp"
#include "ops/insights/insights_request.hpp"
#include "tool/op_context.hpp"

namespace fbmcp::ops {

struct FetchedInsights {
  std::vector<nlohmann::json> rows;
  std::vector<std::string> row_cursors;  // row_cursors[i] continues right after rows[i]
  std::optional<std::string> after;      // set when more rows exist
  std::string report_run_id;             // set when the rows came from an async report
  bool report_pending = false;           // the report did not finish within the wait; rows are empty
  int report_percent = 0;
};

inline constexpr int64_t kInsightsCacheSeconds = 600;
// The question as the cache keys it: which read, the object, Graph's parameters as sent, and the page asked for.
nlohmann::json insights_cache_query(const char* what, const InsightsSubject& subject, const graph::Params& params,
                                    size_t limit, const std::string& after);

// `after` continues a previous answer (its cursor). Read through the cache unless request.fresh; an async report
// still running is never kept.
core::Result<FetchedInsights> fetch_insights(tool::OpContext& ctx, const InsightsSubject& subject,
                                             const InsightsRequest& request, size_t limit, const std::string& after);

// POST /<object>/insights → the report run id.
core::Result<std::string> start_insights_report_run(tool::OpContext& ctx, const InsightsSubject& subject,
                                                    const InsightsRequest& request);

struct ReportState {
  std::string status;  // Job Not Started | Job Started | Job Running | Job Completed | Job Failed | Job Skipped
  int percent = 0;
  std::string account_id;
};
core::Result<ReportState> read_report_state(tool::OpContext& ctx, const std::string& report_run_id);
// Polls until Job Completed (or failed, or `max_polls` reads); progress notifications on each read.
core::Result<ReportState> wait_for_report(tool::OpContext& ctx, const std::string& report_run_id, int max_polls);
core::Result<FetchedInsights> read_report_rows(tool::OpContext& ctx, const std::string& report_run_id, size_t limit,
                                               const std::string& after);

}  // namespace fbmcp::ops
