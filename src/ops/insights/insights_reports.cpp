// start_insights_report / get_insights_report: Meta's async insights reports made explicit, for exports too large
// for one answer. The report runs at Meta; these ops start it, follow it, and read its rows page by page.
#include "graph/json_fields.hpp"
#include "ops/all_ops.hpp"
#include "ops/insights/insights_ops.hpp"

namespace fbmcp::ops {
namespace {

constexpr size_t kDefaultReportRows = 50;
constexpr const char* kModelledBreakdowns[] = {"age", "gender", "country", "region", "publisher_platform",
                                               "platform_position", "device_platform", "impression_device"};

core::Result<tool::OpOutput> start_insights_report(const nlohmann::json& args, tool::OpContext& ctx) {
  auto subject = resolve_insights_subject(args, ctx);
  if (!subject) return std::unexpected(subject.error());
  auto request = build_insights_request(args, *subject);
  if (!request) return std::unexpected(request.error());
  auto run = start_insights_report_run(ctx, *subject, *request);
  if (!run) return std::unexpected(run.error());
  auto state = read_report_state(ctx, *run);
  tool::OpOutput out;
  out.data = {{"report_run_id", *run},
              {"object", {{"level", subject->object_level}, {"id", subject->object_id}}},
              {"level", request->level},
              {"period", request->period},
              {"status", state ? state->status : "Job Not Started"},
              {"percent", state ? state->percent : 0}};
  out.summary = "Started Meta insights report " + *run + "; read it with get_insights_report.";
  out.next = nlohmann::json{{"op", "get_insights_report"}, {"args", {{"report_run_id", *run}}},
                            {"why", "follow the report and read its rows when it completes"}};
  return out;
}

// The level and breakdowns of a report's rows, read back from the rows (a report run does not say them).
void describe_rows(const std::vector<nlohmann::json>& rows, CanonicalOptions& options) {
  options.level = "account";
  for (const char* level : {"campaign", "adset", "ad"}) {
    for (const auto& row : rows) {
      if (row.is_object() && row.contains(std::string(level) + "_id")) options.level = level;
    }
  }
  for (const char* b : kModelledBreakdowns) {
    if (!rows.empty() && rows[0].is_object() && rows[0].contains(b)) options.breakdowns.push_back(b);
  }
}

core::Result<tool::OpOutput> get_insights_report(const nlohmann::json& args, tool::OpContext& ctx) {
  const std::string id = args["report_run_id"].get<std::string>();
  const int polls = args.value("wait_polls", 1);
  auto state = polls > 1 ? wait_for_report(ctx, id, polls) : read_report_state(ctx, id);
  if (!state) {
    auto e = state.error();
    if (e.kind == core::ErrorKind::NotFound || e.kind == core::ErrorKind::InvalidArgs) {
      e.path = "report_run_id";
      e.hint = "give the report_run_id that start_insights_report or get_insights returned";
    }
    return std::unexpected(e);
  }
  if (state->status != "Job Completed") {
    if (state->status == "Job Failed" || state->status == "Job Skipped") {
      return core::fail(core::ErrorKind::GraphApi, "Meta's insights report " + id + " ended with " + state->status,
                        "start a smaller report (shorter period, fewer breakdowns, a higher level)");
    }
    tool::OpOutput out;
    out.data = {{"report_run_id", id}, {"status", state->status}, {"percent", state->percent}};
    out.summary = "Report " + id + ": " + state->status + " (" + std::to_string(state->percent) + "%).";
    out.next = nlohmann::json{{"op", "get_insights_report"}, {"args", {{"report_run_id", id}, {"wait_polls", 10}}},
                              {"why", "the report is still running"}};
    return out;
  }
  auto fetched = read_report_rows(ctx, id, args.value("limit", kDefaultReportRows), args.value("after", ""));
  if (!fetched) return std::unexpected(fetched.error());
  std::string currency;
  if (!state->account_id.empty()) {
    auto account = ctx.accounts.get("act_" + state->account_id);
    if (!account) return std::unexpected(account.error());
    currency = account->currency;
  }
  InsightsAnswerFrame frame;
  frame.about = {{"report_run_id", id}, {"status", state->status}};
  frame.currency = currency;
  frame.options.currency = currency;
  describe_rows(fetched->rows, frame.options);
  frame.about["level"] = frame.options.level;
  if (args.contains("metrics")) frame.options.metrics = args["metrics"].get<std::vector<std::string>>();
  if (args.contains("attribution_windows")) frame.options.windows = args["attribution_windows"].get<std::vector<std::string>>();
  fetched->report_run_id.clear();  // already in `about`
  return insights_output(*fetched, frame);
}

}  // namespace

void register_insights_report_ops(tool::OpRegistry& registry) {
  registry.add({"start_insights_report", "insights",
                "Start a Meta async insights report (same question as get_insights) for large exports; returns its id",
                tool::Effect::Read, false, start_insights_report, {}});
  registry.add({"get_insights_report", "insights",
                "Follow an async insights report and read its rows (canonical metrics) page by page once completed",
                tool::Effect::Read, true, get_insights_report, {}});
}

}  // namespace fbmcp::ops
