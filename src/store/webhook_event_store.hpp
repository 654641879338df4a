// Webhook events Meta posted to `facebook-mcp webhooks` (issue 12): SQLite <data_dir>/webhooks.db (0600), one row
// per entry change, so `list_webhook_events` in any server process can show them. Meta re-delivers an event until
// it gets a 200, so a row is keyed by what the event is, not when it came: a second delivery is dropped. Rows keep
// a bounded summary of the change's value, never the raw body.
#pragma once
#include <sqlite3.h>

#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "core/error.hpp"

namespace fbmcp::store {

struct WebhookEvent {
  int64_t seq = 0;          // receipt order, assigned by the store; the paging cursor
  std::string dedupe_key;   // same event → same key (webhook/event_extraction.hpp)
  int64_t received_at = 0;  // Unix seconds, our clock
  std::string object;       // "page", "user", "ad_account", … (the payload's "object")
  std::string entry_id;     // the entry's "id": the page, user or account the change is about
  int64_t time = 0;         // the entry's "time" (Unix seconds, Meta's clock)
  std::string field;        // the change's "field" ("feed", "leadgen", …); empty when the entry has no changes
  std::string value_summary;  // bounded text (webhook/value_summary.hpp)
};

struct WebhookEventPage {
  std::vector<WebhookEvent> events;  // newest first
  bool has_more = false;
};

// Where the receiver and the op find the events.
std::string webhooks_db_path(const std::string& data_dir);

class WebhookEventStore {
 public:
  // Older rows beyond this many are dropped on insert: a busy page must not grow the file without end.
  static constexpr int64_t kMaxKeptEvents = 10000;

  static core::Result<std::unique_ptr<WebhookEventStore>> open(const std::string& path);
  ~WebhookEventStore();
  WebhookEventStore(const WebhookEventStore&) = delete;
  WebhookEventStore& operator=(const WebhookEventStore&) = delete;

  // Stores the events not seen before, in one transaction; returns how many were new.
  core::Result<size_t> add(const std::vector<WebhookEvent>& events);
  // Newest first; `before_seq` continues a previous page (0 = from the newest).
  core::Result<WebhookEventPage> list(size_t limit, int64_t before_seq = 0);
  // Data deletion: every event about `entry_id` (a user's app-scoped id); returns how many went.
  core::Result<size_t> remove_entry(const std::string& entry_id);

 private:
  explicit WebhookEventStore(sqlite3* db) : db_(db) {}
  std::mutex mutex_;
  sqlite3* db_;
};

}  // namespace fbmcp::store
