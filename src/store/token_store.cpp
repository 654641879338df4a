#include "store/token_store.hpp"

#include <sys/stat.h>

#include <ctime>
#include <filesystem>

#include "crypto/aead.hpp"
#include "store/store_key.hpp"

namespace fbmcp::store {
namespace {

constexpr const char* kKeyCheckText = "facebook-mcp token store";
constexpr const char* kKeyCheckName = "key_check";

// Associated data for a token row: the label, so a ciphertext moved to another row fails to open.
std::string token_ad(const std::string& label) { return "token:" + label; }

std::string wrong_key_message(const std::string& label) {
  return "cannot decrypt token '" + label +
         "': wrong key (FACEBOOK_MCP_KEY or store.key changed?) or the row was altered";
}

constexpr const char* kWrongKeyHint =
    "restore the key the tokens were stored with (FACEBOOK_MCP_KEY, or store.key in the data dir); without it, "
    "remove the token with `facebook-mcp token remove --label NAME` and add it again";

// One prepared statement, finalized on every path.
class Statement {
 public:
  Statement(sqlite3* db, const char* sql) { ok_ = sqlite3_prepare_v2(db, sql, -1, &statement_, nullptr) == SQLITE_OK; }
  ~Statement() { sqlite3_finalize(statement_); }
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;

  Statement& text(int index, const std::string& value) {
    sqlite3_bind_text(statement_, index, value.data(), static_cast<int>(value.size()), SQLITE_TRANSIENT);
    return *this;
  }
  Statement& blob(int index, const std::string& value) {
    sqlite3_bind_blob(statement_, index, value.data(), static_cast<int>(value.size()), SQLITE_TRANSIENT);
    return *this;
  }
  Statement& integer(int index, int64_t value) {
    sqlite3_bind_int64(statement_, index, value);
    return *this;
  }
  // SQLITE_ROW, SQLITE_DONE or an error code.
  int step() { return ok_ ? sqlite3_step(statement_) : SQLITE_ERROR; }
  std::string column_text(int index) {
    const auto* text = sqlite3_column_text(statement_, index);
    return text ? std::string(reinterpret_cast<const char*>(text), sqlite3_column_bytes(statement_, index)) : "";
  }
  std::string column_blob(int index) {
    const auto* data = static_cast<const char*>(sqlite3_column_blob(statement_, index));
    return data ? std::string(data, sqlite3_column_bytes(statement_, index)) : "";
  }
  int64_t column_integer(int index) { return sqlite3_column_int64(statement_, index); }

 private:
  sqlite3_stmt* statement_ = nullptr;
  bool ok_ = false;
};

core::Error database_error(sqlite3* db, const std::string& what) {
  return core::Error{core::ErrorKind::Internal, "token store: cannot " + what + ": " + sqlite3_errmsg(db), {}, {},
                     std::nullopt, nullptr};
}

core::Error unknown_label(const std::string& label) {
  return core::Error{core::ErrorKind::NotFound, "no stored token labelled '" + label + "'",
                     "see the labels with `facebook-mcp token list`", {}, std::nullopt, nullptr};
}

int64_t now() { return static_cast<int64_t>(std::time(nullptr)); }

}  // namespace

bool valid_label(const std::string& label) {
  if (label.empty() || label.size() > 64) return false;
  for (const char c : label) {
    const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' ||
                    c == '_' || c == '-';
    if (!ok) return false;
  }
  return true;
}

nlohmann::json to_json(const TokenInfo& info) {
  return {{"label", info.label},           {"status", info.status},
          {"is_default", info.is_default}, {"user_id", info.metadata.user_id},
          {"user_name", info.metadata.user_name}, {"scopes", info.metadata.scopes},
          {"expires_at", info.metadata.expires_at}, {"created_at", info.created_at},
          {"updated_at", info.updated_at}};
}

core::Result<std::unique_ptr<TokenStore>> TokenStore::open(const std::string& path, const std::string& key) {
  if (key.size() != crypto::kAeadKeySize) {
    return core::fail(core::ErrorKind::Internal, "token store: the key must be 32 bytes");
  }
  if (path != ":memory:") {
    if (auto dir = make_private_dir(std::filesystem::path(path).parent_path().string()); !dir) {
      return std::unexpected(dir.error());
    }
  }
  // Created 0600 from the first byte, not chmod-ed afterwards: the umask would otherwise decide for a moment.
  const mode_t previous_mask = ::umask(077);
  sqlite3* db = nullptr;
  const int rc = sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_FULLMUTEX,
                                 nullptr);
  ::umask(previous_mask);
  if (rc != SQLITE_OK) {
    const std::string message = db ? sqlite3_errmsg(db) : "out of memory";
    sqlite3_close(db);
    return core::fail(core::ErrorKind::Internal, "cannot open the token store " + path + ": " + message,
                      "set FACEBOOK_MCP_DATA_DIR to a writable directory");
  }
  if (path != ":memory:") ::chmod(path.c_str(), 0600);
  sqlite3_busy_timeout(db, 2000);
  std::unique_ptr<TokenStore> store(new TokenStore(db, key));
  std::lock_guard lock(store->mutex_);
  if (auto created = store->exec_locked(
          "CREATE TABLE IF NOT EXISTS tokens (id INTEGER PRIMARY KEY, label TEXT NOT NULL UNIQUE, "
          "sealed_token BLOB NOT NULL, user_id TEXT NOT NULL DEFAULT '', user_name TEXT NOT NULL DEFAULT '', "
          "scopes TEXT NOT NULL DEFAULT '[]', expires_at INTEGER NOT NULL DEFAULT 0, "
          "status TEXT NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'expired', 'invalid')), "
          "created_at INTEGER NOT NULL, updated_at INTEGER NOT NULL, is_default INTEGER NOT NULL DEFAULT 0);"
          "CREATE TABLE IF NOT EXISTS meta (name TEXT PRIMARY KEY, value BLOB NOT NULL);");
      !created) {
    return std::unexpected(created.error());
  }
  return store;
}

TokenStore::~TokenStore() {
  sqlite3_close(db_);
  crypto::wipe(key_);
}

core::Result<void> TokenStore::exec_locked(const std::string& sql) {
  char* message = nullptr;
  if (sqlite3_exec(db_, sql.c_str(), nullptr, nullptr, &message) != SQLITE_OK) {
    const std::string text = message ? message : "unknown error";
    sqlite3_free(message);
    return core::fail(core::ErrorKind::Internal, "token store: " + text);
  }
  return {};
}

// The store remembers a value sealed with its key, so a changed key is refused before any write mixes two keys.
core::Result<void> TokenStore::check_key_locked() {
  if (key_matches_locked()) {
    Statement select(db_, "SELECT 1 FROM meta WHERE name = ?");
    select.text(1, kKeyCheckName);
    if (select.step() == SQLITE_ROW) return {};
  } else if (!store_is_empty_locked()) {
    return core::fail(core::ErrorKind::PermissionDenied,
                      "the token store was sealed with another key (FACEBOOK_MCP_KEY or store.key changed?)",
                      kWrongKeyHint);
  }
  // A new store, or one whose tokens were all removed: nothing is sealed with the old key, so the current one
  // takes over.
  auto sealed = crypto::seal(key_, kKeyCheckText, kKeyCheckName);
  if (!sealed) return std::unexpected(sealed.error());
  Statement insert(db_, "INSERT OR REPLACE INTO meta (name, value) VALUES (?, ?)");
  insert.text(1, kKeyCheckName).blob(2, *sealed);
  if (insert.step() != SQLITE_DONE) return std::unexpected(database_error(db_, "record the key check"));
  return {};
}

core::Result<void> TokenStore::begin_write_locked() {
  if (auto begun = exec_locked("BEGIN IMMEDIATE"); !begun) return begun;
  if (auto checked = check_key_locked(); !checked) return rollback_locked(checked.error());
  return {};
}

core::Result<void> TokenStore::rollback_locked(core::Error error) {
  exec_locked("ROLLBACK");
  return std::unexpected(std::move(error));
}

bool TokenStore::key_matches() {
  std::lock_guard lock(mutex_);
  return key_matches_locked() || store_is_empty_locked();
}

bool TokenStore::key_matches_locked() {
  Statement select(db_, "SELECT value FROM meta WHERE name = ?");
  select.text(1, kKeyCheckName);
  if (select.step() != SQLITE_ROW) return true;
  return crypto::open(key_, select.column_blob(0), kKeyCheckName).has_value();
}

bool TokenStore::store_is_empty_locked() {
  Statement count(db_, "SELECT NOT EXISTS (SELECT 1 FROM tokens)");
  return count.step() == SQLITE_ROW && count.column_integer(0) == 1;
}

core::Result<void> TokenStore::put(const std::string& label, const std::string& token, const TokenMetadata& metadata) {
  if (!valid_label(label)) {
    return core::fail(core::ErrorKind::InvalidArgs, "a token label is 1-64 characters of A-Z a-z 0-9 . _ -");
  }
  if (token.empty()) return core::fail(core::ErrorKind::InvalidArgs, "the token is empty");
  std::lock_guard lock(mutex_);
  if (auto begun = begin_write_locked(); !begun) return begun;
  auto rollback = [this](core::Error error) { return rollback_locked(std::move(error)); };
  auto sealed = crypto::seal(key_, token, token_ad(label));
  if (!sealed) return rollback(sealed.error());
  const int64_t t = now();
  Statement upsert(db_,
                   "INSERT INTO tokens (label, sealed_token, user_id, user_name, scopes, expires_at, status, "
                   "created_at, updated_at, is_default) VALUES (?, ?, ?, ?, ?, ?, 'active', ?, ?, "
                   "NOT EXISTS (SELECT 1 FROM tokens WHERE is_default = 1)) "
                   "ON CONFLICT(label) DO UPDATE SET sealed_token = excluded.sealed_token, user_id = "
                   "excluded.user_id, user_name = excluded.user_name, scopes = excluded.scopes, expires_at = "
                   "excluded.expires_at, status = 'active', updated_at = excluded.updated_at");
  upsert.text(1, label).blob(2, *sealed).text(3, metadata.user_id).text(4, metadata.user_name);
  upsert.text(5, metadata.scopes.dump()).integer(6, metadata.expires_at).integer(7, t).integer(8, t);
  if (upsert.step() != SQLITE_DONE) return rollback(database_error(db_, "store the token"));
  return exec_locked("COMMIT");
}

core::Result<std::vector<TokenInfo>> TokenStore::list() {
  std::lock_guard lock(mutex_);
  Statement select(db_,
                   "SELECT label, user_id, user_name, scopes, expires_at, status, created_at, updated_at, is_default "
                   "FROM tokens ORDER BY label");
  std::vector<TokenInfo> rows;
  int rc = SQLITE_ROW;
  while ((rc = select.step()) == SQLITE_ROW) {
    TokenInfo info;
    info.label = select.column_text(0);
    info.metadata.user_id = select.column_text(1);
    info.metadata.user_name = select.column_text(2);
    info.metadata.scopes = nlohmann::json::parse(select.column_text(3), nullptr, false);
    if (info.metadata.scopes.is_discarded()) info.metadata.scopes = nlohmann::json::array();
    info.metadata.expires_at = select.column_integer(4);
    info.status = select.column_text(5);
    info.created_at = select.column_integer(6);
    info.updated_at = select.column_integer(7);
    info.is_default = select.column_integer(8) != 0;
    rows.push_back(std::move(info));
  }
  if (rc != SQLITE_DONE) return std::unexpected(database_error(db_, "list the tokens"));
  return rows;
}

core::Result<std::string> TokenStore::get_token(const std::string& label) {
  std::lock_guard lock(mutex_);
  Statement select(db_, "SELECT sealed_token FROM tokens WHERE label = ?");
  select.text(1, label);
  const int rc = select.step();
  if (rc == SQLITE_DONE) return std::unexpected(unknown_label(label));
  if (rc != SQLITE_ROW) return std::unexpected(database_error(db_, "read the token"));
  auto opened = crypto::open(key_, select.column_blob(0), token_ad(label));
  if (!opened) return core::fail(core::ErrorKind::PermissionDenied, wrong_key_message(label), kWrongKeyHint);
  return opened;
}

core::Result<void> TokenStore::remove(const std::string& label) {
  std::lock_guard lock(mutex_);
  Statement erase(db_, "DELETE FROM tokens WHERE label = ?");
  erase.text(1, label);
  if (erase.step() != SQLITE_DONE) return std::unexpected(database_error(db_, "remove the token"));
  if (sqlite3_changes(db_) == 0) return std::unexpected(unknown_label(label));
  return {};
}

core::Result<void> TokenStore::set_default(const std::string& label) {
  std::lock_guard lock(mutex_);
  Statement update(db_, "UPDATE tokens SET is_default = (label = ?) WHERE EXISTS (SELECT 1 FROM tokens WHERE label = ?)");
  update.text(1, label).text(2, label);
  if (update.step() != SQLITE_DONE) return std::unexpected(database_error(db_, "set the default token"));
  if (sqlite3_changes(db_) == 0) return std::unexpected(unknown_label(label));
  return {};
}

core::Result<void> TokenStore::mark_status(const std::string& label, const std::string& status) {
  if (status != "active" && status != "expired" && status != "invalid") {
    return core::fail(core::ErrorKind::InvalidArgs, "a token status is active, expired or invalid");
  }
  std::lock_guard lock(mutex_);
  Statement update(db_, "UPDATE tokens SET status = ?, updated_at = ? WHERE label = ?");
  update.text(1, status).integer(2, now()).text(3, label);
  if (update.step() != SQLITE_DONE) return std::unexpected(database_error(db_, "update the token status"));
  if (sqlite3_changes(db_) == 0) return std::unexpected(unknown_label(label));
  return {};
}

core::Result<void> TokenStore::rotate_key(const std::string& new_key,
                                          const std::function<core::Result<void>()>& before_commit) {
  if (new_key.size() != crypto::kAeadKeySize) {
    return core::fail(core::ErrorKind::Internal, "token store: the new key must be 32 bytes");
  }
  std::lock_guard lock(mutex_);
  if (auto begun = begin_write_locked(); !begun) return begun;
  auto rollback = [this](core::Error error) { return rollback_locked(std::move(error)); };
  std::vector<std::pair<std::string, std::string>> resealed;  // label, sealed under the new key
  {
    Statement select(db_, "SELECT label, sealed_token FROM tokens ORDER BY label");
    int rc = SQLITE_ROW;
    while ((rc = select.step()) == SQLITE_ROW) {
      const std::string label = select.column_text(0);
      auto token = crypto::open(key_, select.column_blob(1), token_ad(label));
      if (!token) {
        return rollback(core::Error{core::ErrorKind::PermissionDenied,
                                    wrong_key_message(label) + "; nothing was re-encrypted", kWrongKeyHint, {},
                                    std::nullopt, nullptr});
      }
      auto sealed = crypto::seal(new_key, *token, token_ad(label));
      crypto::wipe(*token);
      if (!sealed) return rollback(sealed.error());
      resealed.emplace_back(label, std::move(*sealed));
    }
    if (rc != SQLITE_DONE) return rollback(database_error(db_, "read the tokens"));
  }
  for (const auto& [label, sealed] : resealed) {
    Statement update(db_, "UPDATE tokens SET sealed_token = ? WHERE label = ?");
    update.blob(1, sealed).text(2, label);
    if (update.step() != SQLITE_DONE) return rollback(database_error(db_, "re-encrypt token '" + label + "'"));
  }
  auto check = crypto::seal(new_key, kKeyCheckText, kKeyCheckName);
  if (!check) return rollback(check.error());
  Statement replace_check(db_, "INSERT OR REPLACE INTO meta (name, value) VALUES (?, ?)");
  replace_check.text(1, kKeyCheckName).blob(2, *check);
  if (replace_check.step() != SQLITE_DONE) return rollback(database_error(db_, "record the key check"));
  if (before_commit) {
    if (auto ready = before_commit(); !ready) return rollback(ready.error());
  }
  if (auto committed = exec_locked("COMMIT"); !committed) return rollback(committed.error());
  crypto::wipe(key_);
  key_ = new_key;
  return {};
}

}  // namespace fbmcp::store
