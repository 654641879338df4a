#include "store/idempotency_store.hpp"

#include <sys/stat.h>

#include <cstdlib>
#include <ctime>
#include <filesystem>
#include <vector>

#include "crypto/digest.hpp"

namespace fbmcp::store {

std::string derive_key(const std::string& op, const nlohmann::json& args) {
  nlohmann::json canonical = args;  // nlohmann's object keys are sorted, so dump() is canonical
  for (const char* volatile_arg : {"dry_run", "confirm", "idempotency_key"}) canonical.erase(volatile_arg);
  const std::string text = op + "\n" + canonical.dump();
  return "auto:" + crypto::sha256_hex(text);
}

std::string default_data_dir() {
  if (const char* dir = std::getenv("FACEBOOK_MCP_DATA_DIR"); dir && *dir) return dir;
  if (const char* xdg = std::getenv("XDG_DATA_HOME"); xdg && *xdg) return std::string(xdg) + "/facebook-mcp";
  const char* home = std::getenv("HOME");
  return std::string(home && *home ? home : ".") + "/.local/share/facebook-mcp";
}

core::Result<std::unique_ptr<IdempotencyStore>> IdempotencyStore::open(const std::string& path) {
  if (path != ":memory:") {
    const auto dir = std::filesystem::path(path).parent_path();
    std::error_code ec;
    std::filesystem::create_directories(dir, ec);
    ::chmod(dir.c_str(), 0700);
  }
  sqlite3* db = nullptr;
  if (sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_FULLMUTEX, nullptr) !=
      SQLITE_OK) {
    const std::string message = db ? sqlite3_errmsg(db) : "out of memory";
    sqlite3_close(db);
    return core::fail(core::ErrorKind::Internal, "cannot open the local store " + path + ": " + message,
                      "set FACEBOOK_MCP_DATA_DIR to a writable directory");
  }
  if (path != ":memory:") ::chmod(path.c_str(), 0600);
  sqlite3_busy_timeout(db, 2000);  // two server processes may share the file
  std::unique_ptr<IdempotencyStore> store(new IdempotencyStore(db));
  store->exec(
      "CREATE TABLE IF NOT EXISTS idempotency (key TEXT PRIMARY KEY, op TEXT NOT NULL, state TEXT NOT NULL, "
      "object_id TEXT, started_at INTEGER NOT NULL, updated_at INTEGER NOT NULL)",
      {});
  return store;
}

IdempotencyStore::~IdempotencyStore() { sqlite3_close(db_); }

bool IdempotencyStore::exec(const std::string& sql, const std::vector<std::string>& binds) {
  sqlite3_stmt* statement = nullptr;
  if (sqlite3_prepare_v2(db_, sql.c_str(), -1, &statement, nullptr) != SQLITE_OK) return false;
  for (size_t i = 0; i < binds.size(); ++i) {
    sqlite3_bind_text(statement, static_cast<int>(i + 1), binds[i].c_str(), -1, SQLITE_TRANSIENT);
  }
  const int rc = sqlite3_step(statement);
  sqlite3_finalize(statement);
  return rc == SQLITE_DONE || rc == SQLITE_ROW;
}

std::optional<IdempotencyRecord> IdempotencyStore::find(const std::string& key, int64_t max_age_seconds) {
  std::lock_guard lock(mutex_);
  sqlite3_stmt* statement = nullptr;
  sqlite3_prepare_v2(db_, "SELECT op, state, object_id, started_at FROM idempotency WHERE key = ?", -1, &statement,
                     nullptr);
  sqlite3_bind_text(statement, 1, key.c_str(), -1, SQLITE_TRANSIENT);
  std::optional<IdempotencyRecord> record;
  if (sqlite3_step(statement) == SQLITE_ROW) {
    IdempotencyRecord r;
    r.key = key;
    r.op = reinterpret_cast<const char*>(sqlite3_column_text(statement, 0));
    r.state = reinterpret_cast<const char*>(sqlite3_column_text(statement, 1));
    if (const auto* id = sqlite3_column_text(statement, 2)) r.object_id = reinterpret_cast<const char*>(id);
    r.started_at = sqlite3_column_int64(statement, 3);
    if (std::time(nullptr) - r.started_at <= max_age_seconds) record = r;
  }
  sqlite3_finalize(statement);
  return record;
}

void IdempotencyStore::begin(const std::string& key, const std::string& op, int64_t now) {
  std::lock_guard lock(mutex_);
  exec("INSERT OR REPLACE INTO idempotency (key, op, state, object_id, started_at, updated_at) "
       "VALUES (?, ?, 'pending', NULL, ?, ?)",
       {key, op, std::to_string(now), std::to_string(now)});
}

void IdempotencyStore::complete(const std::string& key, const std::string& object_id, int64_t now) {
  std::lock_guard lock(mutex_);
  exec("UPDATE idempotency SET state = 'done', object_id = ?, updated_at = ? WHERE key = ?",
       {object_id, std::to_string(now), key});
}

void IdempotencyStore::forget(const std::string& key) {
  std::lock_guard lock(mutex_);
  exec("DELETE FROM idempotency WHERE key = ?", {key});
}

}  // namespace fbmcp::store
