// export_insights: every row of an insights question written to a CSV file (canonical metrics, exact money), page by
// page so a year of daily rows per ad never sits in memory at once; through an async report when Meta finds the
// query too large. Returns the file's path, its row count and what the rows cover — never the rows themselves.
#include <ctime>

#include "core/text.hpp"
#include "ops/all_ops.hpp"
#include "ops/insights/export_file.hpp"
#include "ops/insights/insights_csv.hpp"
#include "ops/insights/insights_ops.hpp"

namespace fbmcp::ops {
namespace {

constexpr size_t kExportPageRows = 500;
constexpr int64_t kDefaultExportRows = 100'000;
constexpr int kExportReportPolls = 240;  // an export may wait longer for Meta's report than an interactive answer

std::string export_file_name(const InsightsSubject& subject, const InsightsRequest& request, const std::string& ext) {
  std::string period = request.period;
  for (char& c : period) {
    if (c == '.') c = '_';
  }
  std::string stamp = core::utc_time(static_cast<long long>(std::time(nullptr)), "");
  std::erase_if(stamp, [](char c) { return c == ':' || c == '-' || c == '+'; });
  return "insights_" + subject.object_id + "_" + request.level + "_" + period + "_" + stamp + ext;
}

// The next page of rows: from the report once Meta moved the question to one, else from the /insights edge.
core::Result<FetchedInsights> next_export_page(tool::OpContext& ctx, const InsightsSubject& subject,
                                               const InsightsRequest& request, const std::string& report_run_id,
                                               const std::string& after) {
  if (!report_run_id.empty()) return read_report_rows(ctx, report_run_id, kExportPageRows, after);
  auto page = fetch_insights(ctx, subject, request, kExportPageRows, after);
  if (!page || !page->report_pending) return page;
  auto state = wait_for_report(ctx, page->report_run_id, kExportReportPolls);
  if (!state) return std::unexpected(state.error());
  if (state->status != "Job Completed") {
    return core::fail(core::ErrorKind::RateLimited,
                      "Meta's report " + page->report_run_id + " is still running (" + std::to_string(state->percent) +
                          "%); nothing was written",
                      "call export_insights again later, or read the report with get_insights_report");
  }
  return read_report_rows(ctx, page->report_run_id, kExportPageRows, "");
}

core::Result<tool::OpOutput> export_insights(const nlohmann::json& args, tool::OpContext& ctx) {
  auto subject = resolve_insights_subject(args, ctx);
  if (!subject) return std::unexpected(subject.error());
  auto request = build_insights_request(args, *subject);
  if (!request) return std::unexpected(request.error());
  auto target = export_target(args.value("path", ""), "path", ".csv", args.value("overwrite", false), ctx.data_dir,
                              export_file_name(*subject, *request, ".csv"));
  if (!target) return std::unexpected(target.error());
  const int64_t max_rows = args.value("max_rows", kDefaultExportRows);

  const auto frame = insights_frame(args, *subject, *request);
  const auto columns = insights_csv_columns(frame.options);
  auto file = ExportFile::create(*target);
  if (!file) return std::unexpected(file.error());
  if (auto wrote = file->write(csv_line(columns)); !wrote) return std::unexpected(wrote.error());

  std::map<std::string, std::string> chosen;
  std::string report_run_id, after, first_day, last_day;
  int64_t rows = 0;
  bool cut = false;
  for (bool first = true; first || !after.empty(); first = false) {
    if (ctx.is_cancelled()) return core::fail(core::ErrorKind::Internal, "cancelled; nothing was written");
    auto page = next_export_page(ctx, *subject, *request, report_run_id, after);
    if (!page) return std::unexpected(page.error());
    report_run_id = page->report_run_id;
    after = page->after.value_or("");
    std::string chunk;
    for (const auto& row : page->rows) {
      if (rows == max_rows) {
        cut = true;
        break;
      }
      const auto canonical = canonical_row(row, frame.options, chosen);
      const std::string start = canonical.value("date_start", ""), stop = canonical.value("date_stop", "");
      if (!start.empty() && (first_day.empty() || start < first_day)) first_day = start;
      if (stop > last_day) last_day = stop;
      chunk += csv_line(insights_csv_cells(canonical, columns));
      ++rows;
    }
    if (auto wrote = file->write(chunk); !wrote) return std::unexpected(wrote.error());
    if (cut) break;
    ctx.report("exported " + std::to_string(rows) + " row(s)");
  }
  if (auto done = file->commit(); !done) return std::unexpected(done.error());

  tool::OpOutput out;
  out.data = frame.about;
  out.data["path"] = target->string();
  out.data["format"] = "csv";
  out.data["rows"] = rows;
  out.data["bytes"] = file->bytes_written();
  out.data["columns"] = columns;
  out.data["currency"] = subject->currency;
  if (!subject->time_zone.empty()) out.data["time_zone"] = subject->time_zone;
  out.data["attribution"] = attribution_text(request->windows);
  if (!first_day.empty()) out.data["dates"] = {{"date_start", first_day}, {"date_stop", last_day}};
  if (!chosen.empty()) out.data["conversion_action_types"] = chosen;
  if (!report_run_id.empty()) out.data["report_run_id"] = report_run_id;
  if (cut) {
    out.data["truncated"] = true;
    out.warnings.push_back("stopped at max_rows " + std::to_string(max_rows) +
                           "; more rows exist — raise max_rows or narrow the period");
  }
  out.summary = "Exported " + std::to_string(rows) + " row(s) of insights for " + subject->object_id + " (" +
                request->period + ", level " + request->level + ") to " + target->string() + ".";
  if (rows == 0) out.summary += " Nothing was delivered in this period: the file has the header only.";
  return out;
}

}  // namespace

void register_export_insights_op(tool::OpRegistry& registry) {
  // Reads only: it changes nothing at Meta (the file it writes is the user's own), so read-only mode keeps it.
  registry.add({"export_insights", "insights",
                "Write every insights row of a question (account, campaign, ad set or ad; period, level, daily rows, "
                "breakdowns) to a CSV file; returns its path and row count",
                tool::Effect::Read, true, export_insights, {}});
}

}  // namespace fbmcp::ops
