// The change journal (DESIGN §5): every write that reached Meta, recorded once by the router from the change its op
// described — who (token label), what (op, objects), before/after values as Graph has them, Graph's ids and each
// item's outcome. Live mode keeps it in <data dir>/journal.db (0600); fake mode in memory for the process's life.
// Rows hold no secrets and no audience identifiers (audience user ops journal counts only).
#pragma once
#include <sqlite3.h>

#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "core/error.hpp"

namespace fbmcp::store {

// One object one call changed.
struct ChangeItem {
  std::string kind;        // "campaign", "adset", "ad", "creative", "audience", "image", "video"
  std::string object_id;   // Graph id (an image's hash for images)
  std::string account_id;  // act_<n>; empty when the object is not under an ad account
  std::string action;      // "update" | "create" | "delete" | "add_users" | … (what undo_change keys on)
  nlohmann::json fields = nlohmann::json::object();  // {field: {"before": v, "after": v}} in Graph's terms
  bool ok = true;          // bulk ops: each item's own outcome
  std::string error;       // why it failed, when !ok
  std::string note;        // what else a reader must know (an object a failed call left behind)
};

// What one op call changed, as the op describes it (tool::OpOutput::change); the router adds who and when.
struct ChangeSet {
  std::vector<ChangeItem> items;
  nlohmann::json graph_ids = nlohmann::json::array();  // ids Graph answered (created objects, batch results)
  nlohmann::json counts = nlohmann::json::object();    // what must not be kept itself: {"rows_sent": 482}
  int64_t undo_of = 0;                                 // undo_change: the change it put back
  // The row's outcome when the items' own do not say it: "left_behind" for a call that failed but left objects at
  // Meta its clean-up could not delete (launch_ad). Empty = from the items (ok | partial | failed).
  std::string outcome;
};

struct ChangeRecord {
  int64_t id = 0;
  int64_t at = 0;  // Unix seconds
  std::string op;
  std::string token_label;  // "" = the process token (or fake mode's fixture user)
  std::string outcome;      // "ok" | "partial" | "failed" (from the items) | "left_behind" (ChangeSet::outcome)
  int64_t undone_by = 0;    // the undo_change that put it back, when one did
  ChangeSet change;
};

struct ChangeFilter {
  std::string account_id;  // act_<n>
  std::string object_id;
  std::string op;
  int64_t since = 0;  // Unix seconds, inclusive; 0 = no bound
  int64_t until = 0;  // exclusive; 0 = no bound
};

struct ChangePage {
  std::vector<ChangeRecord> records;  // newest first
  bool has_more = false;
};

// <data_dir>/journal.db
std::string journal_db_path(const std::string& data_dir);
// Fake mode with a state file keeps its journal beside it, so list_changes and undo_change work across processes
// as the fake world does: <state file>.journal.db (0600; `fake reset` deletes it with the state).
std::string fake_journal_path(const std::string& state_file);

class ChangeJournal {
 public:
  // ":memory:" or a file (created 0600 in a 0700 directory). `now` is the journal's clock (fake mode's fixed clock
  // in tests, so goldens are reproducible); unset = the system clock.
  // `own_directory` as open_private_sqlite takes it (false beside a fake state file).
  static core::Result<std::unique_ptr<ChangeJournal>> open(const std::string& path,
                                                           std::function<int64_t()> now = {},
                                                           bool own_directory = true);
  ~ChangeJournal();
  ChangeJournal(const ChangeJournal&) = delete;
  ChangeJournal& operator=(const ChangeJournal&) = delete;

  // Stores one row for one call; returns its id. An undo (change.undo_of) that succeeded for every object marks the
  // change it put back.
  core::Result<int64_t> record(const std::string& op, const std::string& token_label, const ChangeSet& change);
  core::Result<std::optional<ChangeRecord>> find(int64_t id);
  // Newest first; `before_id` continues a previous page (0 = from the newest).
  core::Result<ChangePage> list(const ChangeFilter& filter, size_t limit, int64_t before_id = 0);

 private:
  ChangeJournal(sqlite3* db, std::function<int64_t()> now) : db_(db), now_(std::move(now)) {}
  std::mutex mutex_;
  sqlite3* db_;
  std::function<int64_t()> now_;
};

nlohmann::json to_json(const ChangeItem& item);
nlohmann::json to_json(const ChangeRecord& record);

}  // namespace fbmcp::store
