#include "store/webhook_event_store.hpp"

#include "store/private_sqlite.hpp"
#include "store/sqlite_statement.hpp"

namespace fbmcp::store {
namespace {

std::unexpected<core::Error> event_store_failure(sqlite3* db, const std::string& what) {
  return core::fail(core::ErrorKind::Internal, "the webhook event store could not " + what + ": " + sqlite3_errmsg(db),
                    "check that the data dir (FACEBOOK_MCP_DATA_DIR) is writable and not full");
}

}  // namespace

std::string webhooks_db_path(const std::string& data_dir) { return data_dir + "/webhooks.db"; }

core::Result<std::unique_ptr<WebhookEventStore>> WebhookEventStore::open(const std::string& path) {
  const char* schema =
      "CREATE TABLE IF NOT EXISTS webhook_events (seq INTEGER PRIMARY KEY AUTOINCREMENT, "
      "dedupe_key TEXT NOT NULL UNIQUE, received_at INTEGER NOT NULL, object TEXT NOT NULL, entry_id TEXT NOT NULL, "
      "time INTEGER NOT NULL, field TEXT NOT NULL, value_summary TEXT NOT NULL);"
      "CREATE INDEX IF NOT EXISTS webhook_events_entry ON webhook_events (entry_id);";
  auto db = open_private_sqlite(path, schema, "the webhook event store");
  if (!db) return std::unexpected(db.error());
  return std::unique_ptr<WebhookEventStore>(new WebhookEventStore(*db));
}

WebhookEventStore::~WebhookEventStore() { sqlite3_close(db_); }

core::Result<size_t> WebhookEventStore::add(const std::vector<WebhookEvent>& events) {
  std::lock_guard lock(mutex_);
  if (sqlite3_exec(db_, "BEGIN IMMEDIATE", nullptr, nullptr, nullptr) != SQLITE_OK) {
    return event_store_failure(db_, "start a write");
  }
  size_t added = 0;
  {
    SqliteStatement insert(db_,
                          "INSERT OR IGNORE INTO webhook_events (dedupe_key, received_at, object, entry_id, time, "
                          "field, value_summary) VALUES (?, ?, ?, ?, ?, ?, ?)");
    for (const auto& event : events) {
      if (!insert) break;
      sqlite3_reset(insert.get());
      insert.text(1, event.dedupe_key);
      insert.integer(2, event.received_at);
      insert.text(3, event.object);
      insert.text(4, event.entry_id);
      insert.integer(5, event.time);
      insert.text(6, event.field);
      insert.text(7, event.value_summary);
      if (sqlite3_step(insert.get()) != SQLITE_DONE) {
        auto failure = event_store_failure(db_, "store an event");
        sqlite3_exec(db_, "ROLLBACK", nullptr, nullptr, nullptr);
        return failure;
      }
      added += static_cast<size_t>(sqlite3_changes(db_));
    }
    if (!insert) {
      auto failure = event_store_failure(db_, "prepare an insert");
      sqlite3_exec(db_, "ROLLBACK", nullptr, nullptr, nullptr);
      return failure;
    }
  }
  SqliteStatement trim(db_, "DELETE FROM webhook_events WHERE seq <= (SELECT MAX(seq) FROM webhook_events) - ?");
  trim.integer(1, kMaxKeptEvents);
  sqlite3_step(trim.get());
  if (sqlite3_exec(db_, "COMMIT", nullptr, nullptr, nullptr) != SQLITE_OK) {
    auto failure = event_store_failure(db_, "commit events");
    sqlite3_exec(db_, "ROLLBACK", nullptr, nullptr, nullptr);
    return failure;
  }
  return added;
}

core::Result<WebhookEventPage> WebhookEventStore::list(size_t limit, int64_t before_seq) {
  std::lock_guard lock(mutex_);
  SqliteStatement select(db_,
                        "SELECT seq, dedupe_key, received_at, object, entry_id, time, field, value_summary "
                        "FROM webhook_events WHERE (? = 0 OR seq < ?) ORDER BY seq DESC LIMIT ?");
  if (!select) return event_store_failure(db_, "read events");
  select.integer(1, before_seq);
  select.integer(2, before_seq);
  select.integer(3, static_cast<int64_t>(limit) + 1);  // one more tells whether another page exists
  WebhookEventPage page;
  while (sqlite3_step(select.get()) == SQLITE_ROW) {
    if (page.events.size() == limit) {
      page.has_more = true;
      break;
    }
    WebhookEvent event;
    event.seq = sqlite3_column_int64(select.get(), 0);
    event.dedupe_key = select.column_text(1);
    event.received_at = sqlite3_column_int64(select.get(), 2);
    event.object = select.column_text(3);
    event.entry_id = select.column_text(4);
    event.time = sqlite3_column_int64(select.get(), 5);
    event.field = select.column_text(6);
    event.value_summary = select.column_text(7);
    page.events.push_back(std::move(event));
  }
  return page;
}

core::Result<size_t> WebhookEventStore::remove_entry(const std::string& entry_id) {
  std::lock_guard lock(mutex_);
  SqliteStatement remove(db_, "DELETE FROM webhook_events WHERE entry_id = ?");
  if (!remove) return event_store_failure(db_, "prepare a delete");
  remove.text(1, entry_id);
  if (sqlite3_step(remove.get()) != SQLITE_DONE) return event_store_failure(db_, "delete events");
  return static_cast<size_t>(sqlite3_changes(db_));
}

}  // namespace fbmcp::store
