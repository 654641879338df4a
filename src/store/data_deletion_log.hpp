// Data deletion requests Meta forwarded (issue 12): what the status page at the URL we answer with shows. A record
// keeps the confirmation code, when and how much was removed — never whose data it was, since that data is gone.
// Lives in <data_dir>/webhooks.db beside the events.
#pragma once
#include <sqlite3.h>

#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <string>

#include "core/error.hpp"

namespace fbmcp::store {

struct DataDeletionRecord {
  std::string confirmation_code;
  int64_t requested_at = 0;  // Unix seconds
  int64_t tokens_removed = 0;
  int64_t events_removed = 0;
};

class DataDeletionLog {
 public:
  static core::Result<std::unique_ptr<DataDeletionLog>> open(const std::string& path);
  ~DataDeletionLog();
  DataDeletionLog(const DataDeletionLog&) = delete;
  DataDeletionLog& operator=(const DataDeletionLog&) = delete;

  core::Result<void> record(const DataDeletionRecord& record);
  std::optional<DataDeletionRecord> find(const std::string& confirmation_code);

 private:
  explicit DataDeletionLog(sqlite3* db) : db_(db) {}
  std::mutex mutex_;
  sqlite3* db_;
};

}  // namespace fbmcp::store
