// Two router steps of issue 14, kept apart from the router's main path: read-only mode's refusal, and writing the
// change a successful write described to the change journal (DESIGN §5) — once here for every op, so no op logs
// its own.
#include "core/log.hpp"
#include "tool/router.hpp"

namespace fbmcp::tool {

std::optional<ToolResult> Router::read_only_refusal(const std::string& op, const OpSpec& spec) const {
  if (!registry_.read_only() || spec.effect == Effect::Read) return std::nullopt;
  return failure(op, core::Error{core::ErrorKind::PolicyBlocked,
                                 "'" + op + "' is a " + to_string(spec.effect) +
                                     " op and this server runs read-only (FACEBOOK_READ_ONLY=1 or --read-only); "
                                     "nothing was sent to Meta",
                                 "only read ops are available (call {\"op\": \"help\"}); a change must be made by a "
                                 "server started without read-only mode",
                                 "op", std::nullopt, nullptr});
}

void Router::journal_change(const std::string& op, const OpSpec& spec, const OpContext& ctx,
                            OpOutput& output) const {
  if (!journal_ || spec.local_only) return;
  if (!output.change) {
    // Nothing described: either the op found nothing to do (already PAUSED), or a bug the journal contract test
    // catches. Said in the log, never guessed from the result.
    core::log(core::LogLevel::Debug, "journal", op + " described no change; nothing journaled");
    return;
  }
  if (output.change->items.empty()) return;
  // Who: the stored token the call acted as, else the process's own stored token ("" = the environment's token).
  auto id = journal_->record(op, ctx.token_label.empty() ? token_label_ : ctx.token_label, *output.change);
  if (!id) {
    // The write happened at Meta; only its record is missing. Say so rather than fail the call.
    core::log(core::LogLevel::Error, "journal", id.error().message);
    output.warnings.push_back("the change was made but could not be journaled (" + id.error().message +
                              "), so undo_change cannot put it back");
    return;
  }
  // The row's id rides in the result (data.change_id), so an agent can pass it straight to undo_change or
  // list_changes. Rows are numbered from 1 in each journal, so fake mode's ids are the same on every run.
  if (output.data.is_null()) output.data = nlohmann::json::object();
  if (output.data.is_object()) {
    output.data["change_id"] = *id;
  } else {
    core::log(core::LogLevel::Debug, "journal", op + "'s data is not an object; change " + std::to_string(*id) +
                                                    " is in list_changes only");
  }
}

void Router::journal_left_behind(const std::string& op, const OpSpec& spec, const OpContext& ctx,
                                 core::Error& error) const {
  if (!journal_ || spec.local_only || !ctx.left_behind || ctx.left_behind->items.empty()) return;
  auto id = journal_->record(op, ctx.token_label.empty() ? token_label_ : ctx.token_label, *ctx.left_behind);
  if (!id) {
    core::log(core::LogLevel::Error, "journal", id.error().message);
    error.hint += (error.hint.empty() ? "" : "; ") + std::string("what was left behind could not be journaled (") +
                  id.error().message + "): delete it with the delete op it names";
    return;
  }
  const std::string row = std::to_string(*id);
  if (error.detail.is_null()) error.detail = nlohmann::json::object();
  if (error.detail.is_object()) error.detail["change_id"] = *id;
  error.hint += (error.hint.empty() ? "" : "; ") + std::string("journaled as change ") + row +
                ": undo_change {\"change_id\": " + row + "} deletes what was left behind (it asks first)";
}

}  // namespace fbmcp::tool
