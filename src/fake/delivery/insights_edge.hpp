// The /insights edge of ad accounts, campaigns, ad sets and ads, and Insights' async report runs:
//   GET  /<object>/insights          rows now, paged; a query too large for a synchronous answer gets code 100
//                                    subcode 1487534 ("reduce the amount of data", graph-api-facts §3)
//   POST /<object>/insights          {"report_run_id": …}: an ad_report_run node (Meta SDK AdReportRun)
//   GET  /<report_run_id>            async_status moves Job Not Started → Job Started → Job Running → Job Completed,
//                                    one step per read, async_percent_completion rising
//   GET  /<report_run_id>/insights   the rows, paged, once completed
#pragma once
#include <expected>
#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>

#include "fake/graph_error.hpp"
#include "fake/write_context.hpp"

namespace fbmcp::fake::delivery {

inline constexpr const char* kReportRunType = "ad_report_run";

// Node types with an /insights edge.
bool has_insights_edge(const std::string& type);

struct InsightsAnswer;
// Answers computed once per process: the rows of completed report runs (a report is a snapshot, its pages read
// one request at a time), and the last synchronous answer, reused for its next pages while the world is unchanged
// (`world_version` is bumped by the emulator on every change).
struct ReportAnswers {
  std::map<std::string, std::shared_ptr<const InsightsAnswer>> by_run;
  uint64_t world_version = 0;
  std::string last_key;
  uint64_t last_version = 0;
  std::shared_ptr<const InsightsAnswer> last_answer;
};

struct InsightsCall {
  const WriteContext& ctx;
  const Node& node;
  const ParamMap& params;
  int64_t now;             // UTC seconds: the fake clock
  std::string next_base;   // where paging links point: ".../v24.0/<id>/insights"
  ReportAnswers* reports = nullptr;
};

struct InsightsResult {
  nlohmann::json body;
  std::string account_id;  // numeric, for the throttle header
  size_t cells = 0;        // what the query weighed
};

std::expected<InsightsResult, GraphError> read_insights(const InsightsCall& call);
// Inserts the report run into ctx.store.
std::expected<InsightsResult, GraphError> start_insights_report(const InsightsCall& call);
// On each direct read of a report run; true when its status moved.
bool advance_report_run(Node& node, int64_t now);
std::expected<InsightsResult, GraphError> read_report_rows(const InsightsCall& call);

// A query that weighs more (ad-days × breakdown cells) gets 1487534 instead of a synchronous answer.
inline constexpr size_t kSynchronousCellLimit = 200000;

}  // namespace fbmcp::fake::delivery
