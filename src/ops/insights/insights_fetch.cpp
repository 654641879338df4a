#include "ops/insights/insights_fetch.hpp"

#include <algorithm>
#include <chrono>
#include <thread>

#include "core/json_read.hpp"
#include "graph/json_fields.hpp"
#include "ops/common/cached_read.hpp"

namespace fbmcp::ops {
namespace {

constexpr int kDefaultPolls = 40;  // with pauses growing to 5 s, about 3 minutes before handing back the report id

bool too_large_for_sync(const core::Error& error) {
  // graph-api-facts §3 [obs]: "Please reduce the amount of data you're asking for" = use an async report.
  return error.graph && error.graph->code == 100 && error.graph->error_subcode == 1487534;
}

void pause_before_poll(tool::OpContext& ctx, int poll) {
  // The in-process emulator moves a report on per read, so waiting would only slow fake mode down.
  if (ctx.mode == core::Mode::Fake) return;
  const int ms = std::min(5000, 250 << std::min(poll, 5));
  for (int waited = 0; waited < ms && !ctx.is_cancelled(); waited += 50) {
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
}

FetchedInsights from_page(graph::ListPage page) {
  FetchedInsights out;
  out.rows = std::move(page.items);
  out.row_cursors = std::move(page.resume_after);
  out.after = std::move(page.after);
  return out;
}

nlohmann::json fetched_to_cache(const FetchedInsights& fetched) {
  return {{"rows", fetched.rows},
          {"row_cursors", fetched.row_cursors},
          {"after", fetched.after ? nlohmann::json(*fetched.after) : nlohmann::json()},
          {"report_run_id", fetched.report_run_id}};
}

// What fetched_to_cache wrote; a row the cache damaged (another program wrote the file) reads as nothing.
FetchedInsights fetched_from_cache(const nlohmann::json& kept) {
  FetchedInsights out;
  if (!kept.is_object()) return out;
  if (const auto rows = kept.find("rows"); rows != kept.end() && rows->is_array()) {
    for (const auto& row : *rows) {
      if (row.is_object()) out.rows.push_back(row);
    }
  }
  if (const auto cursors = kept.find("row_cursors"); cursors != kept.end() && cursors->is_array()) {
    for (const auto& cursor : *cursors) out.row_cursors.push_back(cursor.is_string() ? cursor.get<std::string>() : "");
  }
  out.row_cursors.resize(out.rows.size());
  if (const auto after = kept.find("after"); after != kept.end() && after->is_string()) out.after = after->get<std::string>();
  out.report_run_id = core::string_or_empty(kept, "report_run_id");
  return out;
}

core::Result<FetchedInsights> fetch_insights_from_graph(tool::OpContext& ctx, const InsightsSubject& subject,
                                                        const InsightsRequest& request, size_t limit,
                                                        const std::string& after);

}  // namespace

nlohmann::json insights_cache_query(const char* what, const InsightsSubject& subject, const graph::Params& params,
                                    size_t limit, const std::string& after) {
  nlohmann::json sent = nlohmann::json::object();
  for (const auto& [key, value] : params.items()) sent[key] = value;
  return {{"what", what}, {"object", subject.object_id}, {"params", sent}, {"limit", limit}, {"after", after}};
}

core::Result<FetchedInsights> fetch_insights(tool::OpContext& ctx, const InsightsSubject& subject,
                                             const InsightsRequest& request, size_t limit, const std::string& after) {
  std::optional<FetchedInsights> pending;
  auto read = read_through_cache(ctx, "insights", insights_cache_query("rows", subject, request.params, limit, after),
                                 kInsightsCacheSeconds, request.fresh,
                                 [&]() -> core::Result<nlohmann::json> {
                                   auto fetched = fetch_insights_from_graph(ctx, subject, request, limit, after);
                                   if (!fetched) return std::unexpected(fetched.error());
                                   if (fetched->report_pending) {
                                     pending = std::move(*fetched);
                                     // Not an answer yet: an error keeps it out of the cache.
                                     return core::fail(core::ErrorKind::Internal, "report pending");
                                   }
                                   return fetched_to_cache(*fetched);
                                 });
  if (pending) return std::move(*pending);
  if (!read) return std::unexpected(read.error());
  return fetched_from_cache(read->value);
}

core::Result<std::string> start_insights_report_run(tool::OpContext& ctx, const InsightsSubject& subject,
                                                    const InsightsRequest& request) {
  // Starting a report makes nothing anyone pays for; sending it twice makes a second report, which is harmless.
  auto started = ctx.graph.post(subject.object_id + "/insights", request.params, graph::Idempotent::Yes);
  if (!started) return std::unexpected(blame_insights_args(started.error()));
  const auto id = graph::read_string(*started, "report_run_id");
  if (!id || !*id || (*id)->empty()) {
    return core::fail(core::ErrorKind::GraphApi, "Graph's answer to POST " + subject.object_id +
                                                     "/insights has no report_run_id: " + graph::json_text(*started));
  }
  return **id;
}

core::Result<ReportState> read_report_state(tool::OpContext& ctx, const std::string& report_run_id) {
  auto body = ctx.graph.get(report_run_id, {{"fields", "async_status,async_percent_completion,account_id"}});
  if (!body) return std::unexpected(body.error());
  ReportState state;
  const auto status = graph::read_string(*body, "async_status");
  if (!status || !*status) {
    return core::fail(core::ErrorKind::GraphApi, "Graph's answer for report " + report_run_id + " has no async_status");
  }
  state.status = **status;
  const auto percent = graph::read_int(*body, "async_percent_completion");
  state.percent = percent && *percent ? static_cast<int>(std::clamp<int64_t>(**percent, 0, 100)) : 0;
  const auto account = graph::read_string(*body, "account_id");
  state.account_id = account && *account ? **account : "";
  return state;
}

core::Result<ReportState> wait_for_report(tool::OpContext& ctx, const std::string& report_run_id, int max_polls) {
  ReportState state;
  for (int poll = 0; poll < max_polls; ++poll) {
    if (poll > 0) pause_before_poll(ctx, poll);
    if (ctx.is_cancelled()) return core::fail(core::ErrorKind::Internal, "cancelled while report " + report_run_id + " ran",
                                              "get_insights_report with report_run_id " + report_run_id + " reads it later");
    auto read = read_report_state(ctx, report_run_id);
    if (!read) return read;
    state = *read;
    ctx.report("insights report " + report_run_id + ": " + state.status + " (" + std::to_string(state.percent) + "%)");
    if (state.status == "Job Completed") return state;
    if (state.status == "Job Failed" || state.status == "Job Skipped") {
      return core::fail(core::ErrorKind::GraphApi, "Meta's insights report " + report_run_id + " ended with " + state.status,
                        "ask for less (a shorter period, fewer breakdowns, a higher level) and try again");
    }
  }
  return state;
}

core::Result<FetchedInsights> read_report_rows(tool::OpContext& ctx, const std::string& report_run_id, size_t limit,
                                               const std::string& after) {
  graph::Params params;
  if (!after.empty()) params.set("after", after);
  auto page = ctx.graph.list(report_run_id + "/insights", params, limit);
  if (!page) return std::unexpected(page.error());
  auto out = from_page(std::move(*page));
  out.report_run_id = report_run_id;
  return out;
}

namespace {

core::Result<FetchedInsights> fetch_insights_from_graph(tool::OpContext& ctx, const InsightsSubject& subject,
                                                        const InsightsRequest& request, size_t limit,
                                                        const std::string& after) {
  graph::Params params = request.params;
  if (!after.empty()) params.set("after", after);
  auto page = ctx.graph.list(subject.object_id + "/insights", params, limit);
  if (page) return from_page(std::move(*page));
  if (!too_large_for_sync(page.error())) return std::unexpected(blame_insights_args(page.error()));

  ctx.report("Meta asks for an async report for this query; starting one");
  auto run = start_insights_report_run(ctx, subject, request);
  if (!run) return std::unexpected(run.error());
  auto state = wait_for_report(ctx, *run, kDefaultPolls);
  if (!state) return std::unexpected(state.error());
  if (state->status != "Job Completed") {
    FetchedInsights pending;
    pending.report_run_id = *run;
    pending.report_pending = true;
    pending.report_percent = state->percent;
    return pending;
  }
  return read_report_rows(ctx, *run, limit, "");
}

}  // namespace

}  // namespace fbmcp::ops
