// What a handler may use: the Graph client (live or emulated, it cannot tell), account facts, progress and
// cancellation. Handlers never see MCP.
#pragma once
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <nlohmann/json.hpp>
#include <string>

#include "core/error.hpp"
#include "auth/token_access.hpp"
#include "core/settings.hpp"
#include "graph/graph_client.hpp"
#include "store/change_journal.hpp"
#include "store/idempotency_store.hpp"
#include "store/response_cache.hpp"
#include "store/webhook_event_store.hpp"
#include "tool/spend_guard.hpp"

namespace fbmcp::tool {

struct AccountFacts {
  std::string id;        // act_<n>
  std::string account_id;
  std::string name;
  std::string currency;  // ISO 4217; drives every money conversion for the account
  int account_status = 0;
};

// Caches what every money conversion needs (an account's currency), so a list of campaigns costs one extra call,
// not one per row.
class AccountDirectory {
 public:
  explicit AccountDirectory(graph::GraphClient& graph) : graph_(graph) {}
  core::Result<AccountFacts> get(const std::string& act_id);

  // For callers that read accounts inside a batch of their own: the fields to ask for, whether an account is known
  // already, and taking Graph's answer (checked as get() checks it).
  static constexpr const char* kFields = "account_id,name,currency,account_status";
  bool known(const std::string& act_id);
  core::Result<AccountFacts> remember(const std::string& act_id, const nlohmann::json& body);

 private:
  graph::GraphClient& graph_;
  std::mutex mutex_;
  std::map<std::string, AccountFacts> cache_;
};

// "act_123" or "123" → "act_123"; anything else is an InvalidArgs naming `path`.
core::Result<std::string> normalize_account_id(const std::string& value, const std::string& path = "ad_account_id");

// "answered from the local cache (asked Meta 42 s ago); pass fresh: true to ask again"
std::string cached_answer_warning(int64_t age_seconds);

class OpContext {
 public:
  OpContext(graph::GraphClient& graph, AccountDirectory& accounts, core::Mode mode)
      : graph(graph), accounts(accounts), mode(mode) {}

  graph::GraphClient& graph;
  AccountDirectory& accounts;
  core::Mode mode;
  store::IdempotencyStore* idempotency = nullptr;  // creates dedupe through it when present
  const SpendGuard* spend_guard = nullptr;         // budget limits; every op that sets a budget asks it
  store::WebhookEventStore* webhook_events = nullptr;  // what `facebook-mcp webhooks` stored; list_webhook_events
  store::ChangeJournal* journal = nullptr;  // the change journal (list_changes, undo_change read it; the router writes)
  std::function<void(const std::string& message)> progress;  // may be empty
  std::function<bool()> cancelled;                           // may be empty
  // What this call's needs_confirmation read and planned, for its handler to use instead of reading it all again
  // (most of a bulk update's requests are reads). Set and read by the op itself; one OpContext serves one call.
  std::shared_ptr<void> planned;
  // Stored identities and the login settings (the auth ops use them; may be null in tests that build a bare router).
  auth::TokenAccess* tokens = nullptr;
  // The stored label this call acts as ("" = the process token from the environment, or fake mode's fixture user).
  std::string token_label;
  // Answers kept for a while (ops/common/cached_read.hpp); null in tests that build a bare router. Entries are
  // scoped to `cache_scope`, a digest of the token this call acts as, so no token reads another's answers.
  store::ResponseCache* cache = nullptr;
  std::string cache_scope;
  // When any answer this call used came from the cache: the oldest one's time (Unix seconds). The router then
  // tells the agent how old it is and that `fresh: true` asks Meta again (cached_answer_warning).
  std::optional<int64_t> oldest_cached_answer;
  // What a call that failed nonetheless left at Meta (launch_ad's clean-up could not delete what it made): the
  // router journals it with the failure, so list_changes shows it and undo_change can delete it.
  std::optional<store::ChangeSet> left_behind;
  // Where files an op writes for the user go by default (export_insights); the live store's directory.
  std::string data_dir;

  void report(const std::string& message) const {
    if (progress) progress(message);
  }
  bool is_cancelled() const { return cancelled && cancelled(); }
};

}  // namespace fbmcp::tool
