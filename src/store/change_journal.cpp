#include "store/change_journal.hpp"

#include <ctime>

#include "store/private_sqlite.hpp"
#include "store/sqlite_statement.hpp"

namespace fbmcp::store {
namespace {

core::Error journal_failure(sqlite3* db, const std::string& what) {
  return core::Error{core::ErrorKind::Internal, "the change journal could not " + what + ": " + sqlite3_errmsg(db),
                     "check that the data directory is writable (FACEBOOK_MCP_DATA_DIR)", {}, std::nullopt, nullptr};
}

std::string outcome_of(const ChangeSet& change) {
  if (!change.outcome.empty()) return change.outcome;
  size_t failed = 0;
  for (const auto& item : change.items) failed += item.ok ? 0 : 1;
  if (failed == 0) return "ok";
  return failed == change.items.size() ? "failed" : "partial";
}

nlohmann::json body_of(const ChangeSet& change) {
  nlohmann::json items = nlohmann::json::array();
  for (const auto& item : change.items) items.push_back(to_json(item));
  return {{"items", items}, {"graph_ids", change.graph_ids}, {"counts", change.counts}};
}

ChangeItem item_from_json(const nlohmann::json& j) {
  // Rows are written by record() only; read leniently all the same (a field missing reads empty).
  ChangeItem item;
  if (!j.is_object()) return item;
  auto text = [&](const char* key) {
    const auto it = j.find(key);
    return it != j.end() && it->is_string() ? it->get<std::string>() : std::string();
  };
  item.kind = text("kind");
  item.object_id = text("object_id");
  item.account_id = text("account_id");
  item.action = text("action");
  if (const auto it = j.find("fields"); it != j.end() && it->is_object()) item.fields = *it;
  if (const auto it = j.find("ok"); it != j.end() && it->is_boolean()) item.ok = it->get<bool>();
  item.error = text("error");
  item.note = text("note");
  return item;
}

ChangeRecord record_from_row(const SqliteStatement& row) {
  ChangeRecord record;
  record.id = sqlite3_column_int64(row.get(), 0);
  record.at = sqlite3_column_int64(row.get(), 1);
  record.op = row.column_text(2);
  record.token_label = row.column_text(3);
  record.outcome = row.column_text(4);
  record.change.undo_of = sqlite3_column_int64(row.get(), 5);
  record.undone_by = sqlite3_column_int64(row.get(), 6);
  const auto body = nlohmann::json::parse(row.column_text(7), nullptr, false);
  if (body.is_object()) {
    if (const auto it = body.find("items"); it != body.end() && it->is_array()) {
      for (const auto& item : *it) record.change.items.push_back(item_from_json(item));
    }
    if (const auto it = body.find("graph_ids"); it != body.end() && it->is_array()) record.change.graph_ids = *it;
    if (const auto it = body.find("counts"); it != body.end() && it->is_object()) record.change.counts = *it;
  }
  return record;
}

constexpr const char* kJournalColumns = "id, at, op, token_label, outcome, undo_of, undone_by, body";

}  // namespace

std::string journal_db_path(const std::string& data_dir) { return data_dir + "/journal.db"; }

std::string fake_journal_path(const std::string& state_file) { return state_file + ".journal.db"; }

core::Result<std::unique_ptr<ChangeJournal>> ChangeJournal::open(const std::string& path,
                                                                 std::function<int64_t()> now, bool own_directory) {
  const char* schema =
      "CREATE TABLE IF NOT EXISTS changes (id INTEGER PRIMARY KEY AUTOINCREMENT, at INTEGER NOT NULL, "
      "op TEXT NOT NULL, token_label TEXT NOT NULL, outcome TEXT NOT NULL, undo_of INTEGER NOT NULL DEFAULT 0, "
      "undone_by INTEGER NOT NULL DEFAULT 0, body TEXT NOT NULL);"
      "CREATE TABLE IF NOT EXISTS change_objects (change_id INTEGER NOT NULL, object_id TEXT NOT NULL, "
      "account_id TEXT NOT NULL);"
      "CREATE INDEX IF NOT EXISTS change_objects_object ON change_objects (object_id);"
      "CREATE INDEX IF NOT EXISTS change_objects_account ON change_objects (account_id);";
  auto db = open_private_sqlite(path, schema, "the change journal", own_directory);
  if (!db) return std::unexpected(db.error());
  if (!now) now = [] { return static_cast<int64_t>(std::time(nullptr)); };
  return std::unique_ptr<ChangeJournal>(new ChangeJournal(*db, std::move(now)));
}

ChangeJournal::~ChangeJournal() { sqlite3_close(db_); }

core::Result<int64_t> ChangeJournal::record(const std::string& op, const std::string& token_label,
                                            const ChangeSet& change) {
  std::lock_guard lock(mutex_);
  if (sqlite3_exec(db_, "BEGIN IMMEDIATE", nullptr, nullptr, nullptr) != SQLITE_OK) {
    return std::unexpected(journal_failure(db_, "start a transaction"));
  }
  auto rollback = [&](const std::string& what) {
    auto error = journal_failure(db_, what);
    sqlite3_exec(db_, "ROLLBACK", nullptr, nullptr, nullptr);
    return std::unexpected(error);
  };
  int64_t id = 0;
  {
    SqliteStatement insert(db_,
                            "INSERT INTO changes (at, op, token_label, outcome, undo_of, body) VALUES (?, ?, ?, ?, ?, ?)");
    if (!insert) return rollback("prepare an insert");
    insert.integer(1, now_());
    insert.text(2, op);
    insert.text(3, token_label);
    insert.text(4, outcome_of(change));
    insert.integer(5, change.undo_of);
    insert.text(6, body_of(change).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
    if (sqlite3_step(insert.get()) != SQLITE_DONE) return rollback("store a change");
    id = sqlite3_last_insert_rowid(db_);
  }
  {
    SqliteStatement object(db_, "INSERT INTO change_objects (change_id, object_id, account_id) VALUES (?, ?, ?)");
    if (!object) return rollback("prepare an insert");
    for (const auto& item : change.items) {
      sqlite3_reset(object.get());
      object.integer(1, id);
      object.text(2, item.object_id);
      object.text(3, item.account_id);
      if (sqlite3_step(object.get()) != SQLITE_DONE) return rollback("store a changed object");
    }
  }
  // An undo that failed for some object leaves the change open, so undo_change can be tried again.
  if (change.undo_of > 0 && outcome_of(change) == "ok") {
    SqliteStatement undone(db_, "UPDATE changes SET undone_by = ? WHERE id = ?");
    if (!undone) return rollback("prepare an update");
    undone.integer(1, id);
    undone.integer(2, change.undo_of);
    if (sqlite3_step(undone.get()) != SQLITE_DONE) return rollback("mark a change undone");
  }
  if (sqlite3_exec(db_, "COMMIT", nullptr, nullptr, nullptr) != SQLITE_OK) return rollback("commit a change");
  return id;
}

core::Result<std::optional<ChangeRecord>> ChangeJournal::find(int64_t id) {
  std::lock_guard lock(mutex_);
  SqliteStatement select(db_, (std::string("SELECT ") + kJournalColumns + " FROM changes WHERE id = ?").c_str());
  if (!select) return std::unexpected(journal_failure(db_, "read a change"));
  select.integer(1, id);
  if (sqlite3_step(select.get()) != SQLITE_ROW) return std::optional<ChangeRecord>();
  return std::optional<ChangeRecord>(record_from_row(select));
}

core::Result<ChangePage> ChangeJournal::list(const ChangeFilter& filter, size_t limit, int64_t before_id) {
  std::lock_guard lock(mutex_);
  const std::string sql =
      std::string("SELECT ") + kJournalColumns +
      " FROM changes c WHERE (?1 = 0 OR id < ?1) AND (?2 = '' OR op = ?2) AND (?3 = 0 OR at >= ?3) AND "
      "(?4 = 0 OR at < ?4) AND (?5 = '' OR EXISTS (SELECT 1 FROM change_objects o WHERE o.change_id = c.id AND "
      "o.account_id = ?5)) AND (?6 = '' OR EXISTS (SELECT 1 FROM change_objects o WHERE o.change_id = c.id AND "
      "o.object_id = ?6)) ORDER BY id DESC LIMIT ?7";
  SqliteStatement select(db_, sql.c_str());
  if (!select) return std::unexpected(journal_failure(db_, "list changes"));
  select.integer(1, before_id);
  select.text(2, filter.op);
  select.integer(3, filter.since);
  select.integer(4, filter.until);
  select.text(5, filter.account_id);
  select.text(6, filter.object_id);
  select.integer(7, static_cast<int64_t>(limit) + 1);  // one more tells whether another page exists
  ChangePage page;
  while (sqlite3_step(select.get()) == SQLITE_ROW) {
    if (page.records.size() == limit) {
      page.has_more = true;
      break;
    }
    page.records.push_back(record_from_row(select));
  }
  return page;
}

nlohmann::json to_json(const ChangeItem& item) {
  nlohmann::json j = {{"kind", item.kind}, {"object_id", item.object_id}, {"action", item.action},
                      {"fields", item.fields}, {"ok", item.ok}};
  if (!item.account_id.empty()) j["account_id"] = item.account_id;
  if (!item.ok) j["error"] = item.error;
  if (!item.note.empty()) j["note"] = item.note;
  return j;
}

nlohmann::json to_json(const ChangeRecord& record) {
  nlohmann::json items = nlohmann::json::array();
  for (const auto& item : record.change.items) items.push_back(to_json(item));
  nlohmann::json j = {{"change_id", record.id}, {"at", record.at}, {"op", record.op},
                      {"token_label", record.token_label}, {"outcome", record.outcome}, {"items", items}};
  if (!record.change.graph_ids.empty()) j["graph_ids"] = record.change.graph_ids;
  if (!record.change.counts.empty()) j["counts"] = record.change.counts;
  if (record.change.undo_of > 0) j["undo_of"] = record.change.undo_of;
  if (record.undone_by > 0) j["undone_by"] = record.undone_by;
  return j;
}

}  // namespace fbmcp::store
