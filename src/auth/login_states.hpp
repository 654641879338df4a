// Logins that login_url started and exchange_code has not finished yet (issue 12): the dialog's `state` is the
// proof that a redirect answers our own request (CSRF, FBD/facebook-login/guides/advanced/manual-flow), so it is
// kept until the code comes back — across processes, since `facebook-mcp call login_url` and `… exchange_code` are
// two runs. SQLite <data_dir>/login_states.db (0600) or ":memory:"; only the state's SHA-256 is kept, and a state
// is used once.
#pragma once
#include <sqlite3.h>

#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <string>

#include "core/error.hpp"

namespace fbmcp::auth {

struct PendingLogin {
  std::string label;         // where exchange_code stores the token
  std::string redirect_uri;  // must be sent again, identical, with the code
  std::string scopes;        // comma-separated, as asked
  int64_t created_at = 0;
};

// A started login is good for an hour: long enough to read the dialog, short enough that an old URL is dead.
inline constexpr int64_t kLoginStateSeconds = 60 * 60;

class LoginStates {
 public:
  static core::Result<std::unique_ptr<LoginStates>> open(const std::string& path);
  ~LoginStates();
  LoginStates(const LoginStates&) = delete;
  LoginStates& operator=(const LoginStates&) = delete;

  core::Result<void> remember(const std::string& state, const PendingLogin& login);
  // The login `state` started, removed so it cannot be used twice; nullopt when unknown, used or older than an hour.
  core::Result<std::optional<PendingLogin>> take(const std::string& state, int64_t now);

 private:
  explicit LoginStates(sqlite3* db) : db_(db) {}
  std::mutex mutex_;
  sqlite3* db_;
};

}  // namespace fbmcp::auth
