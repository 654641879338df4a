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
  }
}

}  // namespace fbmcp::tool
