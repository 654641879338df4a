#include "store/client_page_store.hpp"

#include <ctime>

#include "crypto/aead.hpp"
#include "store/private_sqlite.hpp"
#include "store/sqlite_statement.hpp"

namespace fbmcp::store {
namespace {

std::string client_page_ad(const std::string& client_id, const std::string& page_id) {
  return "client_page:" + client_id + ":" + page_id;
}

core::Error client_page_db_error(sqlite3* db, const std::string& what) {
  return core::Error{core::ErrorKind::Internal, "client page store: cannot " + what + ": " + sqlite3_errmsg(db), {},
                     {}, std::nullopt, nullptr};
}

int64_t client_page_now() { return static_cast<int64_t>(std::time(nullptr)); }

constexpr const char* kClientPageColumns =
    "client_id, page_id, page_name, ig_user_id, token_label, user_id, created_at, updated_at";

ClientPage client_page_row(const SqliteStatement& row) {
  return ClientPage{row.column_text(0), row.column_text(1), row.column_text(2), row.column_text(3),
                    row.column_text(4), row.column_text(5), row.column_integer(6), row.column_integer(7)};
}

}  // namespace

nlohmann::json to_json(const ClientPage& mapping) {
  return {{"client_id", mapping.client_id},
          {"page_id", mapping.page_id},
          {"page_name", mapping.page_name},
          {"instagram_business_account_id",
           mapping.ig_user_id.empty() ? nlohmann::json(nullptr) : nlohmann::json(mapping.ig_user_id)},
          {"token", mapping.token_label.empty() ? nlohmann::json(nullptr) : nlohmann::json(mapping.token_label)},
          {"page_token_stored", true}};
}

std::string client_pages_db_path(const std::string& data_dir) { return data_dir + "/client_pages.db"; }

core::Result<std::unique_ptr<ClientPageStore>> ClientPageStore::open(const std::string& path, const std::string& key) {
  if (!key.empty() && key.size() != crypto::kAeadKeySize) {
    return core::fail(core::ErrorKind::Internal, "client page store: the key must be 32 bytes");
  }
  const char* schema =
      "CREATE TABLE IF NOT EXISTS client_pages (client_id TEXT NOT NULL, page_id TEXT NOT NULL, "
      "page_name TEXT NOT NULL DEFAULT '', ig_user_id TEXT NOT NULL DEFAULT '', token_label TEXT NOT NULL DEFAULT '', "
      "user_id TEXT NOT NULL DEFAULT '', sealed_page_token BLOB NOT NULL, created_at INTEGER NOT NULL, "
      "updated_at INTEGER NOT NULL, PRIMARY KEY (client_id, page_id))";
  auto db = open_private_sqlite(path, schema, "the client page store");
  if (!db) return std::unexpected(db.error());
  return std::unique_ptr<ClientPageStore>(new ClientPageStore(*db, key));
}

ClientPageStore::~ClientPageStore() {
  crypto::wipe(key_);
  sqlite3_close(db_);
}

core::Result<bool> ClientPageStore::put(const ClientPage& mapping, const std::string& page_token) {
  std::lock_guard lock(mutex_);
  if (key_.empty()) return core::fail(core::ErrorKind::Internal, "client page store opened without a key");
  auto sealed = crypto::seal(key_, page_token, client_page_ad(mapping.client_id, mapping.page_id));
  if (!sealed) return std::unexpected(sealed.error());
  SqliteStatement exists(db_, "SELECT 1 FROM client_pages WHERE client_id = ?1 AND page_id = ?2");
  exists.text(1, mapping.client_id);
  exists.text(2, mapping.page_id);
  const bool created = exists.step() != SQLITE_ROW;
  const int64_t now = client_page_now();
  SqliteStatement upsert(db_,
                         "INSERT INTO client_pages (client_id, page_id, page_name, ig_user_id, token_label, user_id, "
                         "sealed_page_token, created_at, updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?8) "
                         "ON CONFLICT (client_id, page_id) DO UPDATE SET page_name = ?3, ig_user_id = ?4, "
                         "token_label = ?5, user_id = ?6, sealed_page_token = ?7, updated_at = ?8");
  upsert.text(1, mapping.client_id);
  upsert.text(2, mapping.page_id);
  upsert.text(3, mapping.page_name);
  upsert.text(4, mapping.ig_user_id);
  upsert.text(5, mapping.token_label);
  upsert.text(6, mapping.user_id);
  sqlite3_bind_blob(upsert.get(), 7, sealed->data(), static_cast<int>(sealed->size()), SQLITE_TRANSIENT);
  upsert.integer(8, now);
  if (upsert.step() != SQLITE_DONE) return std::unexpected(client_page_db_error(db_, "save the mapping"));
  return created;
}

core::Result<std::vector<ClientPage>> ClientPageStore::list(const std::string& client_id) {
  std::lock_guard lock(mutex_);
  const std::string sql = std::string("SELECT ") + kClientPageColumns +
                          " FROM client_pages WHERE ?1 = '' OR client_id = ?1 ORDER BY client_id, page_id";
  SqliteStatement query(db_, sql.c_str());
  query.text(1, client_id);
  std::vector<ClientPage> rows;
  int step;
  while ((step = query.step()) == SQLITE_ROW) rows.push_back(client_page_row(query));
  if (step != SQLITE_DONE) return std::unexpected(client_page_db_error(db_, "list mappings"));
  return rows;
}

core::Result<std::optional<ClientPage>> ClientPageStore::find(const std::string& client_id, const std::string& page_id) {
  std::lock_guard lock(mutex_);
  const std::string sql =
      std::string("SELECT ") + kClientPageColumns + " FROM client_pages WHERE client_id = ?1 AND page_id = ?2";
  SqliteStatement query(db_, sql.c_str());
  query.text(1, client_id);
  query.text(2, page_id);
  const int step = query.step();
  if (step == SQLITE_ROW) return std::optional<ClientPage>(client_page_row(query));
  if (step != SQLITE_DONE) return std::unexpected(client_page_db_error(db_, "read a mapping"));
  return std::optional<ClientPage>();
}

core::Result<std::string> ClientPageStore::page_token(const std::string& client_id, const std::string& page_id) {
  std::lock_guard lock(mutex_);
  if (key_.empty()) return core::fail(core::ErrorKind::Internal, "client page store opened without a key");
  SqliteStatement query(db_, "SELECT sealed_page_token FROM client_pages WHERE client_id = ?1 AND page_id = ?2");
  query.text(1, client_id);
  query.text(2, page_id);
  if (query.step() != SQLITE_ROW) {
    return core::fail(core::ErrorKind::NotFound, "client '" + client_id + "' has no page " + page_id,
                      "link it with link_client_page");
  }
  const auto* data = static_cast<const char*>(sqlite3_column_blob(query.get(), 0));
  const std::string sealed = data ? std::string(data, static_cast<size_t>(sqlite3_column_bytes(query.get(), 0))) : "";
  auto token = crypto::open(key_, sealed, client_page_ad(client_id, page_id));
  if (!token) {
    return core::fail(core::ErrorKind::Internal,
                      "cannot decrypt the page token of client '" + client_id + "', page " + page_id +
                          ": wrong key (FACEBOOK_MCP_KEY or store.key changed?) or the row was altered",
                      "link the page again with link_client_page");
  }
  return token;
}

core::Result<bool> ClientPageStore::remove(const std::string& client_id, const std::string& page_id) {
  std::lock_guard lock(mutex_);
  SqliteStatement del(db_, "DELETE FROM client_pages WHERE client_id = ?1 AND page_id = ?2");
  del.text(1, client_id);
  del.text(2, page_id);
  if (del.step() != SQLITE_DONE) return std::unexpected(client_page_db_error(db_, "remove a mapping"));
  return sqlite3_changes(db_) > 0;
}

core::Result<size_t> ClientPageStore::remove_for_user(const std::string& user_id) {
  std::lock_guard lock(mutex_);
  if (user_id.empty()) return size_t{0};
  SqliteStatement del(db_, "DELETE FROM client_pages WHERE user_id = ?1");
  del.text(1, user_id);
  if (del.step() != SQLITE_DONE) return std::unexpected(client_page_db_error(db_, "remove a user's mappings"));
  return static_cast<size_t>(sqlite3_changes(db_));
}

}  // namespace fbmcp::store
