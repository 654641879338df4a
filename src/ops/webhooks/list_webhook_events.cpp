// list_webhook_events: what Meta posted to `facebook-mcp webhooks` (the data dir's webhooks.db), newest received
// first. Rows are lean — object, field, entry id, Meta's time, when it arrived and a bounded value summary — since
// the store never keeps raw bodies. Paging is by receipt order, so events arriving meanwhile never shift a page.
#include <charconv>

#include "core/text.hpp"
#include "ops/all_ops.hpp"
#include "tool/op_context.hpp"

namespace fbmcp::ops {
namespace {

using tool::OpContext;
using tool::OpOutput;

nlohmann::json webhook_event_row(const store::WebhookEvent& event) {
  return {{"object", event.object},
          {"field", event.field},
          {"entry_id", event.entry_id},
          {"time", core::utc_time(event.time, "")},
          {"received_at", core::utc_time(event.received_at, "")},
          {"value_summary", event.value_summary}};
}

core::Result<OpOutput> list_webhook_events(const nlohmann::json& args, OpContext& ctx) {
  if (!ctx.webhook_events) {
    return core::fail(core::ErrorKind::Internal, "this server has no webhook event store",
                      "run facebook-mcp webhooks to receive events into the data dir");
  }
  int64_t before_seq = 0;
  if (args.contains("after")) {
    // The schema allows digits only; a number too large for int64 is still refused here rather than wrapped.
    const std::string after = args["after"].get<std::string>();
    const auto [end, error] = std::from_chars(after.data(), after.data() + after.size(), before_seq);
    if (error != std::errc() || end != after.data() + after.size() || before_seq <= 0) {
      return std::unexpected(core::Error{core::ErrorKind::InvalidArgs, "after is not a cursor this op handed out",
                                         "pass paging.after from a previous list_webhook_events result", "after"});
    }
  }
  auto page = ctx.webhook_events->list(static_cast<size_t>(args.value("limit", 25)), before_seq);
  if (!page) return std::unexpected(page.error());
  OpOutput out;
  auto items = nlohmann::json::array();
  for (const auto& event : page->events) {
    items.push_back(webhook_event_row(event));
    out.row_cursors.push_back(std::to_string(event.seq));
  }
  out.data = {{"items", items}, {"count", items.size()}};
  if (page->has_more) out.paging = nlohmann::json{{"after", out.row_cursors.back()}, {"has_more", true}};
  if (items.empty()) {
    out.summary = before_seq ? "No older webhook events." :
                  "No webhook events stored. They arrive through `facebook-mcp webhooks` (Meta posts them to its "
                  "callback URL) into the data dir this server reads.";
  } else {
    out.summary = std::to_string(items.size()) + " webhook event(s), newest first" +
                  (page->has_more ? " (more available)" : "") + ":";
  }
  // An empty list gets no table: render_table would print a header with no columns ("|\n|").
  if (!items.empty()) out.table_columns = {"received_at", "object", "field", "entry_id", "value_summary"};
  return out;
}

}  // namespace

void register_webhook_ops(tool::OpRegistry& registry) {
  registry.add({"list_webhook_events", "webhooks",
                "Recent webhook events Meta sent (facebook-mcp webhooks): object, field, entry id, time, summary",
                tool::Effect::Read, true, list_webhook_events, {}});
}

}  // namespace fbmcp::ops
