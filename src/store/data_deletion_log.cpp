#include "store/data_deletion_log.hpp"

#include "store/private_sqlite.hpp"

namespace fbmcp::store {

core::Result<std::unique_ptr<DataDeletionLog>> DataDeletionLog::open(const std::string& path) {
  auto db = open_private_sqlite(path,
                                "CREATE TABLE IF NOT EXISTS data_deletions (confirmation_code TEXT PRIMARY KEY, "
                                "requested_at INTEGER NOT NULL, tokens_removed INTEGER NOT NULL, events_removed INTEGER NOT NULL)",
                                "the data deletion log");
  if (!db) return std::unexpected(db.error());
  return std::unique_ptr<DataDeletionLog>(new DataDeletionLog(*db));
}

DataDeletionLog::~DataDeletionLog() { sqlite3_close(db_); }

core::Result<void> DataDeletionLog::record(const DataDeletionRecord& record) {
  std::lock_guard lock(mutex_);
  sqlite3_stmt* insert = nullptr;
  sqlite3_prepare_v2(db_,
                     "INSERT INTO data_deletions (confirmation_code, requested_at, tokens_removed, events_removed) "
                     "VALUES (?, ?, ?, ?)",
                     -1, &insert, nullptr);
  sqlite3_bind_text(insert, 1, record.confirmation_code.c_str(), -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64(insert, 2, record.requested_at);
  sqlite3_bind_int64(insert, 3, record.tokens_removed);
  sqlite3_bind_int64(insert, 4, record.events_removed);
  const int rc = sqlite3_step(insert);
  sqlite3_finalize(insert);
  if (rc != SQLITE_DONE) {
    return core::fail(core::ErrorKind::Internal,
                      std::string("cannot record the data deletion request: ") + sqlite3_errmsg(db_));
  }
  return {};
}

std::optional<DataDeletionRecord> DataDeletionLog::find(const std::string& confirmation_code) {
  std::lock_guard lock(mutex_);
  sqlite3_stmt* select = nullptr;
  sqlite3_prepare_v2(db_,
                     "SELECT requested_at, tokens_removed, events_removed FROM data_deletions "
                     "WHERE confirmation_code = ?",
                     -1, &select, nullptr);
  sqlite3_bind_text(select, 1, confirmation_code.c_str(), -1, SQLITE_TRANSIENT);
  std::optional<DataDeletionRecord> found;
  if (sqlite3_step(select) == SQLITE_ROW) {
    found = DataDeletionRecord{confirmation_code, sqlite3_column_int64(select, 0), sqlite3_column_int64(select, 1),
                               sqlite3_column_int64(select, 2)};
  }
  sqlite3_finalize(select);
  return found;
}

}  // namespace fbmcp::store
