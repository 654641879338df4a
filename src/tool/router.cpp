#include "tool/router.hpp"

#include <ctime>

#include "auth/token_health.hpp"
#include "core/json_read.hpp"
#include "core/log.hpp"
#include "core/redact.hpp"
#include "core/text.hpp"
#include "crypto/digest.hpp"
#include "tool/catalog.hpp"
#include "tool/result_budget.hpp"
#include "tool/result_text.hpp"

namespace fbmcp::tool {
namespace {

core::Error invalid(std::string message, std::string hint, std::string path = {}) {
  return core::Error{core::ErrorKind::InvalidArgs, std::move(message), std::move(hint), std::move(path), std::nullopt,
                     nullptr};
}

}  // namespace

ToolResult Router::call(const nlohmann::json& arguments, const CallEnv& env) const {
  // The tool boundary: an exception from a handler (a bug) becomes this call's Internal error, never a crash of
  // the CLI or the server (DESIGN §3: exceptions never cross a module boundary).
  try {
    return call_unguarded(arguments, env);
  } catch (const std::exception& e) {
    core::log(core::LogLevel::Error, "router", std::string("internal error: ") + e.what());
    return failure("", core::Error{core::ErrorKind::Internal,
                                   "internal error in this call (a bug); what it changed before failing, if anything, "
                                   "is kept",
                                   "read the object back before retrying; the server is still running and its log "
                                   "has details",
                                   {}, std::nullopt, nullptr});
  }
}

ToolResult Router::call_unguarded(const nlohmann::json& arguments, const CallEnv& env) const {
  if (!arguments.is_object() || !arguments.contains("op") || !arguments["op"].is_string()) {
    return failure("", invalid("the facebook tool needs {\"op\": \"<name>\", \"args\": {…}}",
                               "call {\"op\": \"help\"} to list the ops", "op"));
  }
  const std::string op = arguments["op"].get<std::string>();
  // Op names are short; a long one is refused before the close-match search (quadratic in its length) or any echo.
  if (op.size() > kMaxOpNameChars) {
    return failure("", invalid("op is " + std::to_string(op.size()) + " characters long; op names have at most " +
                                   std::to_string(kMaxOpNameChars),
                               "call {\"op\": \"help\"} to list the ops", "op"));
  }
  nlohmann::json args = arguments.value("args", nlohmann::json::object());
  if (args.is_null()) args = nlohmann::json::object();
  if (!args.is_object()) {
    return failure(op, invalid("args must be an object, got " + std::string(args.type_name()),
                               "pass the op's arguments as an object, e.g. {\"op\": \"" + op + "\", \"args\": {}}",
                               "args"));
  }
  return run(op, args, env);
}

ToolResult Router::run(const std::string& op, const nlohmann::json& args, const CallEnv& env) const {
  if (op == kHelpOp) {
    OpOutput out{help_data(registry_), std::nullopt, {}, help_text(registry_), {}};
    return success(op, std::move(out));
  }
  if (op == kDescribeOp) {
    auto named = core::read_string(args, "op", "args");
    if (!named) return failure(op, invalid(named.error().message, "e.g. {\"op\": \"describe\", \"args\": {\"op\": "
                                                                   "\"create_campaign\"}}", "args.op"));
    const std::string target = named->value_or("").substr(0, kMaxOpNameChars);
    const auto* described = registry_.find(target);
    if (!described) {
      auto e = invalid("describe needs args.op naming an op; '" + target + "' is not one",
                       "call {\"op\": \"help\"} to list the ops", "args.op");
      e.detail = {{"did_you_mean", close_matches(registry_, target)}};
      return failure(op, e);
    }
    const bool json_schema = core::read_bool(args, "json_schema", "args").value_or(std::nullopt).value_or(false);
    auto data = describe_data(*described, json_schema);
    // The one-line summary is in data; the text names the op and what calling it does.
    const std::string line = described->spec.name + " (" + to_string(described->spec.effect) +
                             (described->spec.needs_confirmation ? ", asks for confirmation" : "") + ")";
    return success(op, OpOutput{data, std::nullopt, {}, line, {}});
  }

  const auto* registered = registry_.find(op);
  if (!registered) {
    const auto suggestions = close_matches(registry_, op);
    std::string hint = "call {\"op\": \"help\"} to list the ops";
    if (!suggestions.empty()) {
      hint = "did you mean ";
      for (size_t i = 0; i < suggestions.size(); ++i) hint += (i ? ", " : "") + suggestions[i];
      hint += "?";
    }
    core::Error e{core::ErrorKind::UnknownOp, "unknown op '" + op + "'", hint, "op", std::nullopt,
                  {{"did_you_mean", suggestions}}};
    return failure(op, e);
  }
  if (auto refused = read_only_refusal(op, registered->spec)) return std::move(*refused);
  if (auto valid = registered->validator.validate(args); !valid) return failure(op, valid.error());

  // Which identity the call acts as: its `token` arg, else the session's default (use_token), else the process's.
  const std::string requested = core::read_string(args, "token", "args").value_or(std::nullopt).value_or("");
  const std::string label = tokens_ ? tokens_->label_for(requested) : requested;
  auto identity_graph = identity_client(requested, label);
  if (!identity_graph) return failure(op, identity_graph.error());
  std::unique_ptr<AccountDirectory> identity_accounts;
  if (*identity_graph) identity_accounts = std::make_unique<AccountDirectory>(**identity_graph);

  OpContext ctx(*identity_graph ? **identity_graph : graph_, identity_accounts ? *identity_accounts : accounts_,
                mode_);
  ctx.tokens = tokens_;
  ctx.token_label = label;
  ctx.idempotency = idempotency_;
  ctx.spend_guard = spend_guard_;
  ctx.webhook_events = webhook_events_;
  ctx.cache = cache_;
  if (cache_) ctx.cache_scope = cache_scope_for(label);
  ctx.data_dir = data_dir_;
  ctx.journal = journal_;
  ctx.progress = env.progress;
  ctx.cancelled = env.cancelled;
  const auto& spec = registered->spec;

  // Both flags are booleans by every op's schema; read checked all the same.
  const bool dry_run = core::read_bool(args, "dry_run", "args").value_or(std::nullopt).value_or(false);
  if (spec.needs_confirmation && !dry_run) {
    if (auto early = confirmation_gate(op, args, spec, ctx, env)) return std::move(*early);
  }
  if (ctx.is_cancelled()) return failure(op, core::Error{core::ErrorKind::Internal, "cancelled", {}, {}, {}, nullptr});
  ctx.report("running " + op);
  auto output = spec.handler(args, ctx);
  if (!output) {
    note_token_error(ctx, output.error());
    auto error = output.error();
    if (!dry_run) journal_left_behind(op, spec, ctx, error);
    return failure(op, error);
  }
  if (spec.effect != Effect::Read && !dry_run) {
    core::log(core::LogLevel::Notice, "ops", op + " done: " + output->summary);
    journal_change(op, spec, ctx, *output);
  }
  if (auto expiring = label_expiry_warning(label)) output->warnings.push_back(*expiring);
  if (ctx.oldest_cached_answer && ctx.cache) {
    output->warnings.push_back(cached_answer_warning(ctx.cache->now() - *ctx.oldest_cached_answer));
  }
  return success(op, std::move(*output));
}

core::Result<std::unique_ptr<graph::GraphClient>> Router::identity_client(const std::string& requested,
                                                                          const std::string& label) const {
  if (!tokens_) {
    if (requested.empty()) return nullptr;
    return std::unexpected(invalid("this server has no token store, so args.token cannot name a stored token",
                                   "leave args.token out to use the server's own token", "args.token"));
  }
  const auto& process = tokens_->process();
  if (label.empty() || (process.source == auth::TokenSource::Stored && label == process.label)) return nullptr;
  auto value = tokens_->token_value(label, requested.empty() ? "session token (use_token)" : "args.token");
  if (!value) return std::unexpected(value.error());
  return tokens_->client_for(*value);
}

std::string Router::cache_scope_for(const std::string& label) const {
  if (!tokens_) return "process";
  const auto& process = tokens_->process();
  std::string token;
  if (label.empty() || (process.source == auth::TokenSource::Stored && label == process.label)) {
    // Fake mode's process identity is the emulator's fixture user: one world, one scope.
    token = process.source == auth::TokenSource::Fake ? "fake-fixture-user" : process.value;
  } else if (auto value = tokens_->token_value(label)) {
    token = *value;
  } else {
    return "unknown-label:" + label;  // the op fails on the same label before it reads anything
  }
  return crypto::sha256_hex("facebook-mcp cache scope\n" + token).substr(0, 32);
}

void Router::note_token_error(const OpContext& ctx, const core::Error& error) const {
  // Only Graph's token error marks a stored token: a throttle or a permission error says nothing about it (a
  // peer once wiped a stored token on a rate limit; DESIGN §3).
  if (!tokens_ || !error.graph || error.graph->code != auth::kTokenErrorCode) return;
  tokens_->record_token_error(ctx.token_label, error.graph->error_subcode);
}

namespace {

// The one or two lines a result's text starts with; structuredContent carries them as `summary`.
std::string summary_lines(const std::string& summary) {
  constexpr size_t kMaxSummary = 400;
  const auto first = summary.find('\n');
  const auto second = first == std::string::npos ? std::string::npos : summary.find('\n', first + 1);
  std::string out = summary.substr(0, second);
  if (out.size() > kMaxSummary) out = out.substr(0, kMaxSummary) + "…";
  return out;
}

// Appends `line` (or block) on a line of its own, ending with one newline.
void add_line(std::string& text, std::string line) {
  while (!line.empty() && line.back() == '\n') line.pop_back();
  if (!text.empty() && text.back() != '\n') text += '\n';
  text += line + "\n";
}

}  // namespace

nlohmann::json Router::structured_result(const std::string& op, const OpOutput& output) const {
  nlohmann::json structured = {{"ok", true},
                               {"op", op},
                               {"mode", core::to_string(mode_)},
                               {"summary", summary_lines(output.summary)},
                               {"data", output.data}};
  if (output.next) structured["next"] = *output.next;
  if (output.paging) {
    structured["paging"] = *output.paging;
    if (const auto* after = core::find_field(*output.paging, "after"); after && after->is_string()) {
      structured["next"] = {{"op", op},
                            {"args", {{"after", *after}}},
                            {"why", "more results: call again with the same args plus these"}};
    }
  }
  if (!output.warnings.empty()) structured["warnings"] = output.warnings;
  return structured;
}

namespace {

// "the token in use ('client-b') expires on 2026-11-28 (in 4 days); renew it with: …", within 7 days of expiry.
std::optional<std::string> expiry_warning(const std::string& label, int64_t expires_at) {
  constexpr int64_t kWarnSeconds = 7 * 24 * 60 * 60;
  if (expires_at <= 0) return std::nullopt;
  const int64_t left = expires_at - static_cast<int64_t>(std::time(nullptr));
  if (left > kWarnSeconds) return std::nullopt;
  const std::string day = core::utc_day(expires_at, "");
  const std::string renew = "renew it with: facebook-mcp login --label " + label;
  if (left <= 0) return "the token in use ('" + label + "') expired on " + day + "; " + renew;
  const int64_t days = left / (24 * 60 * 60);
  return "the token in use ('" + label + "') expires on " + day + " (" +
         (days == 0 ? std::string("within a day") : "in " + std::to_string(days) + " day" + (days == 1 ? "" : "s")) +
         "); " + renew;
}

}  // namespace

std::optional<std::string> Router::token_expiry_warning() const {
  if (mode_ != core::Mode::Live) return std::nullopt;
  return expiry_warning(token_label_, token_expires_at_);
}

std::optional<std::string> Router::label_expiry_warning(const std::string& label) const {
  if (mode_ != core::Mode::Live || !tokens_ || label.empty() || label == token_label_) return std::nullopt;
  auto store = tokens_->store(false);
  if (!store || !*store) return std::nullopt;
  auto tokens = (*store)->list();
  if (!tokens) return std::nullopt;
  for (const auto& info : *tokens) {
    if (info.label == label) return expiry_warning(label, info.metadata.expires_at);
  }
  return std::nullopt;
}

ToolResult Router::success(const std::string& op, OpOutput output) const {
  if (auto expiring = token_expiry_warning()) output.warnings.push_back(*expiring);
  const auto size_of = [&](const OpOutput& candidate) {
    return structured_result(op, candidate).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace).size();
  };
  const auto truncated = fit_rows_to_budget(output, max_result_chars_, size_of);
  if (truncated) {
    output.summary += "\nShowing the first " + (*truncated)["shown"].dump() + " of " + (*truncated)["read"].dump() +
                      " rows read, to stay within the result size budget" +
                      (output.paging ? "; the rest continue with \"after\"." : "; ask for fewer rows or fields.");
  }
  nlohmann::json structured = structured_result(op, output);
  if (truncated) structured["truncated"] = *truncated;

  std::string text = output.summary;
  if (!output.table_columns.empty() && output.data.contains("items")) {
    add_line(text, render_table(output.data["items"], output.table_columns));
  }
  if (output.paging && output.paging->contains("after")) {
    add_line(text, "More results: call again with \"after\": \"" + (*output.paging)["after"].get<std::string>() + "\".");
  }
  for (const auto& warning : output.warnings) add_line(text, "Warning: " + warning);
  // The text block must fit a model's context too.
  constexpr size_t kMaxText = 24000;
  if (text.size() > kMaxText) {
    text.resize(kMaxText);
    while (!text.empty() && (static_cast<unsigned char>(text.back()) & 0xC0) == 0x80) text.pop_back();  // UTF-8 boundary
    if (!text.empty()) text.pop_back();
    text += "\n… (text cut at " + std::to_string(kMaxText) + " characters; ask for fewer rows with limit)";
  }
  if (mode_ == core::Mode::Fake) add_line(text, "[fake mode: emulated Meta data, nothing real was read or changed]");
  if (!text.empty() && text.back() == '\n') text.pop_back();  // no trailing newline
  return ToolResult{core::redact_json(structured), core::redact(text), false, std::move(output.images)};
}

ToolResult Router::failure(const std::string& op, const core::Error& error) const {
  nlohmann::json structured = {
      {"ok", false}, {"op", op}, {"mode", core::to_string(mode_)}, {"error", core::to_json(error)}};
  std::string text = "Error (" + std::string(core::to_string(error.kind)) + "): " + error.message;
  if (!error.hint.empty()) text += "\nWhat to do: " + error.hint;
  if (error.graph && !error.graph->fbtrace_id.empty()) text += "\nfbtrace_id: " + error.graph->fbtrace_id;
  return ToolResult{core::redact_json(structured), core::redact(text), true};
}

}  // namespace fbmcp::tool
