#include "store/private_sqlite.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>

namespace fbmcp::store {

core::Result<sqlite3*> open_private_sqlite(const std::string& path, bool own_directory) {
  if (path != ":memory:") {
    const auto dir = std::filesystem::path(path).parent_path();
    std::error_code ec;
    if (own_directory && !dir.empty()) std::filesystem::create_directories(dir, ec);
    if (own_directory && !dir.empty()) ::chmod(dir.c_str(), 0700);
    // Created 0600 before SQLite opens it: a chmod after sqlite3_open would leave a moment under the umask's mode.
    const int fd = ::open(path.c_str(), O_CREAT | O_RDWR | O_CLOEXEC, 0600);
    if (fd >= 0) ::close(fd);
    ::chmod(path.c_str(), 0600);
  }
  sqlite3* db = nullptr;
  if (sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_FULLMUTEX,
                      nullptr) != SQLITE_OK) {
    const std::string message = db ? sqlite3_errmsg(db) : "out of memory";
    sqlite3_close(db);
    return core::fail(core::ErrorKind::Internal, "cannot open the local store " + path + ": " + message,
                      "set FACEBOOK_MCP_DATA_DIR to a writable directory");
  }
  sqlite3_busy_timeout(db, 2000);  // the webhooks receiver writes while an MCP server reads
  return db;
}

core::Result<sqlite3*> open_private_sqlite(const std::string& path, const char* schema, const std::string& store_name,
                                           bool own_directory) {
  auto db = open_private_sqlite(path, own_directory);
  if (!db) return db;
  if (sqlite3_exec(*db, schema, nullptr, nullptr, nullptr) != SQLITE_OK) {
    const std::string message = sqlite3_errmsg(*db);
    sqlite3_close(*db);
    return core::fail(core::ErrorKind::Internal, store_name + " could not create its tables in " + path + ": " + message,
                      "check that the data dir (FACEBOOK_MCP_DATA_DIR) is writable and not full");
  }
  return db;
}

}  // namespace fbmcp::store
