// Router: envelope check → unknown-op suggestions → valijson args validation → confirmation policy → handler →
// output shaping (DESIGN §2). The only place op results are built, so every result is shaped and redacted alike.
#pragma once
#include <functional>
#include <nlohmann/json.hpp>
#include <string>

#include "core/settings.hpp"
#include "tool/confirmation_token.hpp"
#include "tool/result_budget.hpp"
#include "tool/op_context.hpp"
#include "tool/op_registry.hpp"

namespace fbmcp::tool {

enum class ConfirmAnswer { Accepted, Declined, Unsupported };

// What the caller (MCP server or CLI) offers one call.
struct CallEnv {
  std::function<void(const std::string& message)> progress;
  std::function<bool()> cancelled;
  // Asks the human (MCP elicitation). Empty, or Unsupported, falls back to preview + confirm:true.
  std::function<ConfirmAnswer(const ChangePreview& preview)> confirm;
};

struct ToolResult {
  nlohmann::json structured;  // {ok, op, mode, data | error, paging?, warnings?}
  std::string text;           // compact human summary
  bool is_error = false;
  std::vector<ImageBlock> images;  // MCP image content after the text block
};

inline constexpr size_t kMaxOpNameChars = 64;

class Router {
 public:
  Router(const OpRegistry& registry, graph::GraphClient& graph, AccountDirectory& accounts, core::Mode mode,
         store::IdempotencyStore* idempotency = nullptr, const SpendGuard* spend_guard = nullptr)
      : registry_(registry),
        graph_(graph),
        accounts_(accounts),
        mode_(mode),
        idempotency_(idempotency),
        spend_guard_(spend_guard) {}

  // `arguments` is the tool's {op, args}.
  ToolResult call(const nlohmann::json& arguments, const CallEnv& env) const;

  const OpRegistry& registry() const { return registry_; }
  // The size budget of structuredContent (DESIGN §6; FACEBOOK_MAX_RESULT_CHARS).
  void set_max_result_chars(size_t chars) { max_result_chars_ = chars; }
  core::Mode mode() const { return mode_; }
  // The stored token in use and when it expires (Unix seconds; 0 = unknown or never): within 7 days of that, every
  // live result carries a warning with the date and the command that renews it (issue 12, token health).
  // Where list_webhook_events reads (the data dir's webhooks.db live; an empty in-memory store in fake mode).
  void set_webhook_events(store::WebhookEventStore* events) { webhook_events_ = events; }
  // Answers kept for a while (insights, Instagram profiles) and the directory ops write files to by default.
  void set_response_cache(store::ResponseCache* cache) { cache_ = cache; }
  void set_data_dir(std::string dir) { data_dir_ = std::move(dir); }
  // Where every write that reached Meta is recorded (tool/router_journal.cpp); null = not journaled.
  void set_journal(store::ChangeJournal* journal) { journal_ = journal; }
  // Stored identities: every op's `token` arg and use_token's session default pick the token a call acts as here,
  // once for all ops; a Graph 190 on a stored token marks it (issue 12).
  void set_token_access(auth::TokenAccess* tokens) { tokens_ = tokens; }
  void set_token_expiry(std::string label, int64_t expires_at) {
    token_label_ = std::move(label);
    token_expires_at_ = expires_at;
  }

 private:
  ToolResult call_unguarded(const nlohmann::json& arguments, const CallEnv& env) const;
  ToolResult run(const std::string& op, const nlohmann::json& args, const CallEnv& env) const;
  // For a change that spends or deletes: asks the human (elicitation), or checks the confirmation token in
  // args.confirm, or returns the preview with a new token. nullopt = go ahead.
  std::optional<ToolResult> confirmation_gate(const std::string& op, const nlohmann::json& args, const OpSpec& spec,
                                              OpContext& ctx, const CallEnv& env) const;
  nlohmann::json structured_result(const std::string& op, const OpOutput& output) const;
  ToolResult success(const std::string& op, OpOutput output) const;
  ToolResult failure(const std::string& op, const core::Error& error) const;
  std::optional<std::string> token_expiry_warning() const;
  // The same warning for a stored token a call acts as by label (its `token` arg or use_token's default), when it
  // is not the server's own token: read from the store's metadata.
  std::optional<std::string> label_expiry_warning(const std::string& label) const;
  // The Graph client of the identity `label` names when it is not the process token's; null for the process token.
  core::Result<std::unique_ptr<graph::GraphClient>> identity_client(const std::string& requested,
                                                                    const std::string& label) const;
  void note_token_error(const OpContext& ctx, const core::Error& error) const;
  // Which identity's cache entries a call may read: a digest of the token `label` names (never the token).
  std::string cache_scope_for(const std::string& label) const;
  // Read-only mode (registry().read_only()): a non-read op is refused before anything else runs (router_journal.cpp).
  std::optional<ToolResult> read_only_refusal(const std::string& op, const OpSpec& spec) const;
  // Records the change a successful write described in the journal, once for all ops (router_journal.cpp).
  void journal_change(const std::string& op, const OpSpec& spec, const OpContext& ctx, OpOutput& output) const;
  // A failed call's ctx.left_behind (objects its clean-up could not delete) goes to the journal too; the error
  // then names the row (detail.change_id) so undo_change can delete them (router_journal.cpp).
  void journal_left_behind(const std::string& op, const OpSpec& spec, const OpContext& ctx, core::Error& error) const;

  const OpRegistry& registry_;
  graph::GraphClient& graph_;
  AccountDirectory& accounts_;
  core::Mode mode_;
  store::IdempotencyStore* idempotency_;
  const SpendGuard* spend_guard_;
  store::WebhookEventStore* webhook_events_ = nullptr;
  store::ResponseCache* cache_ = nullptr;
  std::string data_dir_;
  store::ChangeJournal* journal_ = nullptr;
  ConfirmationSigner signer_;
  auth::TokenAccess* tokens_ = nullptr;
  std::string token_label_;
  int64_t token_expires_at_ = 0;
  size_t max_result_chars_ = kDefaultMaxResultChars;
};

}  // namespace fbmcp::tool
