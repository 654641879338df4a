#include "store/response_cache.hpp"

#include <ctime>

#include "crypto/digest.hpp"
#include "store/private_sqlite.hpp"
#include "store/sqlite_statement.hpp"

namespace fbmcp::store {
namespace {

// The row key: a digest, so the file holds neither the scope nor the query in clear (a query may name an ad account).
std::string cache_row_key(const CacheKey& key) {
  return crypto::sha256_hex(key.scope + '\n' + key.kind + '\n' + key.query);
}

}  // namespace

std::string cache_db_path(const std::string& data_dir) { return data_dir + "/cache.db"; }

core::Result<std::unique_ptr<ResponseCache>> ResponseCache::open(const std::string& path,
                                                                std::function<int64_t()> clock) {
  const char* schema =
      "CREATE TABLE IF NOT EXISTS answers (key TEXT PRIMARY KEY, scope TEXT NOT NULL, kind TEXT NOT NULL, "
      "stored_at INTEGER NOT NULL, value TEXT NOT NULL);"
      "CREATE INDEX IF NOT EXISTS answers_scope ON answers (scope);"
      "CREATE INDEX IF NOT EXISTS answers_age ON answers (stored_at);";
  auto db = open_private_sqlite(path, schema, "the response cache");
  if (!db) return std::unexpected(db.error());
  if (!clock) clock = [] { return static_cast<int64_t>(std::time(nullptr)); };
  return std::unique_ptr<ResponseCache>(new ResponseCache(*db, std::move(clock)));
}

ResponseCache::~ResponseCache() { sqlite3_close(db_); }

std::optional<CachedAnswer> ResponseCache::get(const CacheKey& key, int64_t max_age_seconds) {
  std::lock_guard lock(mutex_);
  SqliteStatement select(db_, "SELECT stored_at, value FROM answers WHERE key = ? AND stored_at >= ?");
  if (!select) return std::nullopt;
  select.text(1, cache_row_key(key));
  select.integer(2, clock_() - max_age_seconds);
  if (select.step() != SQLITE_ROW) return std::nullopt;
  auto value = nlohmann::json::parse(select.column_text(1), nullptr, false);
  // A damaged row (another program wrote the file) is a miss, never an answer.
  if (value.is_discarded()) return std::nullopt;
  return CachedAnswer{std::move(value), select.column_integer(0)};
}

void ResponseCache::put(const CacheKey& key, const nlohmann::json& value) {
  const std::string text = value.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  if (text.size() > kMaxValueBytes) return;
  std::lock_guard lock(mutex_);
  const int64_t now = clock_();
  SqliteStatement trim(db_, "DELETE FROM answers WHERE stored_at < ?");
  trim.integer(1, now - kKeepSeconds);
  trim.step();
  SqliteStatement insert(db_, "INSERT OR REPLACE INTO answers (key, scope, kind, stored_at, value) VALUES (?,?,?,?,?)");
  insert.text(1, cache_row_key(key));
  insert.text(2, key.scope);
  insert.text(3, key.kind);
  insert.integer(4, now);
  insert.text(5, text);
  insert.step();  // a cache that cannot write only costs a repeated request
}

void ResponseCache::forget_scope(const std::string& scope) {
  std::lock_guard lock(mutex_);
  SqliteStatement remove(db_, "DELETE FROM answers WHERE scope = ?");
  remove.text(1, scope);
  remove.step();
}

}  // namespace fbmcp::store
