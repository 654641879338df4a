// Stored Graph tokens (issue 12, DESIGN §7): SQLite <data_dir>/tokens.db (file 0600, dir 0700), one row per label.
// A token is sealed with AES-256-GCM, its label as associated data, so a ciphertext copied into another row does
// not open. Listing never decrypts and never returns a token value.
#pragma once
#include <sqlite3.h>

#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/error.hpp"

namespace fbmcp::store {

// What is known about a token besides its value; filled from debug_token once login exists.
struct TokenMetadata {
  std::string user_id;
  std::string user_name;
  nlohmann::json scopes = nlohmann::json::array();
  int64_t expires_at = 0;  // Unix seconds; 0 = unknown or never
};

struct TokenInfo {
  std::string label;
  TokenMetadata metadata;
  std::string status;  // "active" | "expired" | "invalid"
  int64_t created_at = 0;
  int64_t updated_at = 0;
  bool is_default = false;
};

nlohmann::json to_json(const TokenInfo& info);

class TokenStore {
 public:
  // `path` is a file (created 0600, its directory 0700) or ":memory:"; `key` is 32 bytes, copied and wiped on
  // destruction.
  static core::Result<std::unique_ptr<TokenStore>> open(const std::string& path, const std::string& key);
  ~TokenStore();
  TokenStore(const TokenStore&) = delete;
  TokenStore& operator=(const TokenStore&) = delete;

  // Adds `label`, or replaces its token and metadata (status back to active; default flag and created_at kept).
  // The first token stored becomes the default. Refused when the store was sealed with another key.
  core::Result<void> put(const std::string& label, const std::string& token, const TokenMetadata& metadata);
  core::Result<std::vector<TokenInfo>> list();
  core::Result<std::string> get_token(const std::string& label);
  // Needs no key: a token that cannot be decrypted any more can still be removed.
  core::Result<void> remove(const std::string& label);
  core::Result<void> set_default(const std::string& label);
  core::Result<void> mark_status(const std::string& label, const std::string& status);
  // Re-encrypts every row under `new_key` in one transaction: every row moves, or none does. The store then uses
  // `new_key`. `before_commit` runs inside the transaction once every row is re-sealed; an error from it rolls
  // everything back (the CLI saves the new key there, so a committed store never lacks its key).
  core::Result<void> rotate_key(const std::string& new_key,
                                const std::function<core::Result<void>()>& before_commit = {});
  // False when the store holds tokens sealed with another key. Once every token is removed, any key is accepted.
  bool key_matches();

 private:
  TokenStore(sqlite3* db, std::string key) : db_(db), key_(std::move(key)) {}
  core::Result<void> check_key_locked();
  bool key_matches_locked();  // the recorded key check opens (or none is recorded yet)
  bool store_is_empty_locked();
  // BEGIN IMMEDIATE, then refuse (rolled back) when the store was sealed with another key.
  core::Result<void> begin_write_locked();
  core::Result<void> rollback_locked(core::Error error);
  core::Result<void> exec_locked(const std::string& sql);
  std::mutex mutex_;
  sqlite3* db_;
  std::string key_;
};

// Labels are short names a person types: 1-64 of [A-Za-z0-9._-].
bool valid_label(const std::string& label);

}  // namespace fbmcp::store
