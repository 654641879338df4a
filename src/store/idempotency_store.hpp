// Idempotency keys for creates (DESIGN §4, §5): a create whose outcome is unknown (timeout after send) is never
// blindly re-sent; the key remembers what was attempted and, once known, which object it made. SQLite under the
// user's data dir for live mode (so a retried tool call after a restart is still deduplicated); in memory in fake mode,
// whose world does not outlive the process either.
#pragma once
#include <sqlite3.h>

#include <cstdint>
#include <memory>
#include <vector>
#include <mutex>
#include <optional>
#include <string>

#include <nlohmann/json.hpp>

#include "core/error.hpp"

namespace fbmcp::store {

struct IdempotencyRecord {
  std::string key;
  std::string op;
  std::string state;      // "pending" (sent, outcome unknown or in flight) | "done"
  std::string object_id;  // set when done
  int64_t started_at = 0; // Unix seconds of the first attempt
};

class IdempotencyStore {
 public:
  // ":memory:" or a file path; the file and its directory are created private (0600 / 0700).
  static core::Result<std::unique_ptr<IdempotencyStore>> open(const std::string& path);
  ~IdempotencyStore();

  // The live record for `key`, ignoring records older than `max_age_seconds`.
  std::optional<IdempotencyRecord> find(const std::string& key, int64_t max_age_seconds);
  void begin(const std::string& key, const std::string& op, int64_t now);
  void complete(const std::string& key, const std::string& object_id, int64_t now);
  void forget(const std::string& key);

 private:
  explicit IdempotencyStore(sqlite3* db) : db_(db) {}
  bool exec(const std::string& sql, const std::vector<std::string>& binds);
  std::mutex mutex_;
  sqlite3* db_;
};

// "auto:<sha256 hex>" of op + args (minus dry_run/confirm/idempotency_key): the same call twice, the same key.
std::string derive_key(const std::string& op, const nlohmann::json& args);

// $FACEBOOK_MCP_DATA_DIR, else $XDG_DATA_HOME/facebook-mcp, else ~/.local/share/facebook-mcp.
std::string default_data_dir();

}  // namespace fbmcp::store
