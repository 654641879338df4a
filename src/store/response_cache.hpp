// Answers of read ops kept for a short while, so an agent asking the same question twice costs Meta nothing the
// second time (issue 10: insights for 10 minutes; issue 13: Instagram profiles for 5). An entry is keyed by the
// op's normalized query AND the identity that asked: one token never sees what another token's query returned.
// SQLite: <data dir>/cache.db in live mode (0600, survives restarts); in memory in fake mode.
#pragma once
#include <sqlite3.h>

#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>

#include "core/error.hpp"

namespace fbmcp::store {

struct CacheKey {
  std::string scope;  // who asked: a digest of the token (never the token itself); see tool::OpContext::cache_scope
  std::string kind;   // what was asked: "insights", "instagram_profile", …
  std::string query;  // the normalized question (canonical JSON of the args that change the answer)
};

struct CachedAnswer {
  nlohmann::json value;
  int64_t stored_at = 0;  // Unix seconds
};

class ResponseCache {
 public:
  // `clock` answers Unix seconds (tests move it; default: the system clock).
  static core::Result<std::unique_ptr<ResponseCache>> open(const std::string& path,
                                                          std::function<int64_t()> clock = {});
  ~ResponseCache();

  // The answer stored for `key` no more than `max_age_seconds` ago.
  std::optional<CachedAnswer> get(const CacheKey& key, int64_t max_age_seconds);
  // Keeps `value` (an answer over kMaxValueBytes is not kept: the cache holds summaries, not exports).
  void put(const CacheKey& key, const nlohmann::json& value);
  // Everything one identity asked (a disconnected token, a data deletion request).
  void forget_scope(const std::string& scope);
  int64_t now() const { return clock_(); }

  static constexpr size_t kMaxValueBytes = 4 << 20;
  // Entries older than this are removed as new ones arrive, whatever their kind's own age limit.
  static constexpr int64_t kKeepSeconds = 24 * 3600;

 private:
  ResponseCache(sqlite3* db, std::function<int64_t()> clock) : db_(db), clock_(std::move(clock)) {}
  std::mutex mutex_;
  sqlite3* db_;
  std::function<int64_t()> clock_;
};

std::string cache_db_path(const std::string& data_dir);

}  // namespace fbmcp::store
