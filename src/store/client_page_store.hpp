// Client ↔ page mappings (issue 13): which Facebook page (and its Instagram account) serves a client, with the
// page's access token sealed by AES-256-GCM under the token store's key, "client_page:<client>:<page>" as associated
// data so a ciphertext moved to another row does not open. SQLite <data_dir>/client_pages.db (0600, dir 0700) live;
// ":memory:" in fake mode. Listing never decrypts and never returns a token.
#pragma once
#include <sqlite3.h>

#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/error.hpp"

namespace fbmcp::store {

struct ClientPage {
  std::string client_id;
  std::string page_id;
  std::string page_name;
  std::string ig_user_id;   // "" when the page has no Instagram business account
  std::string token_label;  // the stored token that linked it; "" for the server's own token
  std::string user_id;      // the Facebook user whose token gave the page token (data deletion removes by it)
  int64_t created_at = 0;
  int64_t updated_at = 0;
};

nlohmann::json to_json(const ClientPage& mapping);

class ClientPageStore {
 public:
  // `key` is 32 bytes; an empty key opens the store for removals only (they never decrypt).
  static core::Result<std::unique_ptr<ClientPageStore>> open(const std::string& path, const std::string& key);
  ~ClientPageStore();
  ClientPageStore(const ClientPageStore&) = delete;
  ClientPageStore& operator=(const ClientPageStore&) = delete;

  // Adds the mapping or replaces it (created_at kept); true when it is new.
  core::Result<bool> put(const ClientPage& mapping, const std::string& page_token);
  // Every mapping, or those of `client_id`, ordered by client then page.
  core::Result<std::vector<ClientPage>> list(const std::string& client_id = {});
  core::Result<std::optional<ClientPage>> find(const std::string& client_id, const std::string& page_id);
  core::Result<std::string> page_token(const std::string& client_id, const std::string& page_id);
  // False when there was no such mapping.
  core::Result<bool> remove(const std::string& client_id, const std::string& page_id);
  // The data-deletion callback: every mapping made with a token of `user_id`; how many went.
  core::Result<size_t> remove_for_user(const std::string& user_id);

 private:
  ClientPageStore(sqlite3* db, std::string key) : db_(db), key_(std::move(key)) {}
  std::mutex mutex_;
  sqlite3* db_;
  std::string key_;
};

std::string client_pages_db_path(const std::string& data_dir);

}  // namespace fbmcp::store
