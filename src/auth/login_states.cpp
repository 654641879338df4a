#include "auth/login_states.hpp"

#include <sys/stat.h>

#include <filesystem>

#include "crypto/digest.hpp"
#include "store/store_key.hpp"

namespace fbmcp::auth {
namespace {

core::Error login_state_db_error(sqlite3* db, const std::string& what) {
  return core::Error{core::ErrorKind::Internal, "login states: cannot " + what + ": " + sqlite3_errmsg(db),
                     "set FACEBOOK_MCP_DATA_DIR to a writable directory", {}, std::nullopt, nullptr};
}

// One prepared statement, finalized on every path.
struct LoginStatement {
  LoginStatement(sqlite3* db, const char* sql) { sqlite3_prepare_v2(db, sql, -1, &statement, nullptr); }
  ~LoginStatement() { sqlite3_finalize(statement); }
  LoginStatement(const LoginStatement&) = delete;
  LoginStatement& operator=(const LoginStatement&) = delete;
  void text(int index, const std::string& value) {
    sqlite3_bind_text(statement, index, value.data(), static_cast<int>(value.size()), SQLITE_TRANSIENT);
  }
  std::string column(int index) {
    const auto* text = sqlite3_column_text(statement, index);
    return text ? reinterpret_cast<const char*>(text) : "";
  }
  sqlite3_stmt* statement = nullptr;
};

}  // namespace

core::Result<std::unique_ptr<LoginStates>> LoginStates::open(const std::string& path) {
  if (path != ":memory:") {
    if (auto dir = store::make_private_dir(std::filesystem::path(path).parent_path().string()); !dir) {
      return std::unexpected(dir.error());
    }
  }
  const mode_t previous_mask = ::umask(077);  // created 0600 from the first byte
  sqlite3* db = nullptr;
  const int rc = sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_FULLMUTEX,
                                 nullptr);
  ::umask(previous_mask);
  std::unique_ptr<LoginStates> states(new LoginStates(db));
  if (rc != SQLITE_OK) return std::unexpected(login_state_db_error(db, "open " + path));
  sqlite3_busy_timeout(db, 2000);
  if (sqlite3_exec(db,
                   "CREATE TABLE IF NOT EXISTS login_states (state_sha256 TEXT PRIMARY KEY, label TEXT NOT NULL, "
                   "redirect_uri TEXT NOT NULL, scopes TEXT NOT NULL, created_at INTEGER NOT NULL)",
                   nullptr, nullptr, nullptr) != SQLITE_OK) {
    return std::unexpected(login_state_db_error(db, "create its table"));
  }
  return states;
}

LoginStates::~LoginStates() { sqlite3_close(db_); }

core::Result<void> LoginStates::remember(const std::string& state, const PendingLogin& login) {
  std::lock_guard lock(mutex_);
  // Old states are dropped here, so the table never grows beyond an hour of logins.
  LoginStatement prune(db_, "DELETE FROM login_states WHERE created_at < ?");
  sqlite3_bind_int64(prune.statement, 1, login.created_at - kLoginStateSeconds);
  sqlite3_step(prune.statement);
  LoginStatement insert(db_,
                        "INSERT OR REPLACE INTO login_states (state_sha256, label, redirect_uri, scopes, created_at) "
                        "VALUES (?, ?, ?, ?, ?)");
  insert.text(1, crypto::sha256_hex(state));
  insert.text(2, login.label);
  insert.text(3, login.redirect_uri);
  insert.text(4, login.scopes);
  sqlite3_bind_int64(insert.statement, 5, login.created_at);
  if (sqlite3_step(insert.statement) != SQLITE_DONE) return std::unexpected(login_state_db_error(db_, "save a state"));
  return {};
}

core::Result<std::optional<PendingLogin>> LoginStates::take(const std::string& state, int64_t now) {
  std::lock_guard lock(mutex_);
  const std::string key = crypto::sha256_hex(state);
  LoginStatement select(db_, "SELECT label, redirect_uri, scopes, created_at FROM login_states WHERE state_sha256 = ?");
  select.text(1, key);
  const int rc = sqlite3_step(select.statement);
  if (rc == SQLITE_DONE) return std::optional<PendingLogin>{};
  if (rc != SQLITE_ROW) return std::unexpected(login_state_db_error(db_, "read a state"));
  PendingLogin login{select.column(0), select.column(1), select.column(2), sqlite3_column_int64(select.statement, 3)};
  LoginStatement remove(db_, "DELETE FROM login_states WHERE state_sha256 = ?");
  remove.text(1, key);
  if (sqlite3_step(remove.statement) != SQLITE_DONE) return std::unexpected(login_state_db_error(db_, "use a state"));
  if (now - login.created_at > kLoginStateSeconds) return std::optional<PendingLogin>{};
  return std::optional<PendingLogin>{std::move(login)};
}

}  // namespace fbmcp::auth
