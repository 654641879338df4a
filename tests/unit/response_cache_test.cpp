// store/response_cache: answers kept per identity and question, aged out, private on disk, a damaged row a miss.
#include <catch2/catch.hpp>

#include <sqlite3.h>
#include <sys/stat.h>

#include "store/response_cache.hpp"
#include "support/temp_dir.hpp"

using namespace fbmcp;
using nlohmann::json;

TEST_CASE("response cache: an answer is kept for its identity and question, and ages out", "[response_cache]") {
  int64_t now = 1'800'000'000;
  auto opened = store::ResponseCache::open(":memory:", [&now] { return now; });
  REQUIRE(opened);
  auto& cache = **opened;
  const store::CacheKey mine{"scope-a", "insights", R"({"ad_account_id":"act_1"})"};
  cache.put(mine, json{{"rows", 3}});

  auto hit = cache.get(mine, 600);
  REQUIRE(hit);
  CHECK(hit->value == json{{"rows", 3}});
  CHECK(hit->stored_at == now);

  // Another token asking the same question, or the same token asking another, never reads it.
  CHECK_FALSE(cache.get({"scope-b", "insights", mine.query}, 600));
  CHECK_FALSE(cache.get({"scope-a", "insights", R"({"ad_account_id":"act_2"})"}, 600));
  CHECK_FALSE(cache.get({"scope-a", "instagram_profile", mine.query}, 600));

  now += 600;
  CHECK(cache.get(mine, 600));
  now += 1;
  CHECK_FALSE(cache.get(mine, 600));
  CHECK(cache.get(mine, 3600));  // each kind decides its own age limit

  cache.put(mine, json{{"rows", 4}});  // asked again: the newer answer replaces the older
  CHECK(cache.get(mine, 10)->value == json{{"rows", 4}});

  cache.forget_scope("scope-a");
  CHECK_FALSE(cache.get(mine, 3600));
}

TEST_CASE("response cache: on disk the file is private, survives a restart and holds no query in clear",
          "[response_cache]") {
  testing::TempDir dir;
  const auto path = store::cache_db_path(dir.path);
  {
    auto opened = store::ResponseCache::open(path);
    REQUIRE(opened);
    (*opened)->put({"scope-a", "insights", "act_424242"}, json{{"ok", true}});
  }
  struct stat info {};
  REQUIRE(::stat(path.c_str(), &info) == 0);
  CHECK((info.st_mode & 0777) == 0600);

  // Survives a restart.
  auto reopened = store::ResponseCache::open(path);
  REQUIRE(reopened);
  CHECK((*reopened)->get({"scope-a", "insights", "act_424242"}, 3600));

  // A row damaged by another program is a miss, not an answer or a crash.
  sqlite3* db = nullptr;
  REQUIRE(sqlite3_open(path.c_str(), &db) == SQLITE_OK);
  sqlite3_stmt* in_clear = nullptr;
  REQUIRE(sqlite3_prepare_v2(db, "SELECT COUNT(*) FROM answers WHERE key || scope || kind LIKE '%424242%'", -1,
                             &in_clear, nullptr) == SQLITE_OK);
  REQUIRE(sqlite3_step(in_clear) == SQLITE_ROW);
  CHECK(sqlite3_column_int(in_clear, 0) == 0);
  sqlite3_finalize(in_clear);
  CHECK(sqlite3_exec(db, "UPDATE answers SET value = '{not json'", nullptr, nullptr, nullptr) == SQLITE_OK);
  sqlite3_close(db);
  CHECK_FALSE((*reopened)->get({"scope-a", "insights", "act_424242"}, 3600));
}

TEST_CASE("response cache: an answer over the size limit is not kept", "[response_cache]") {
  auto opened = store::ResponseCache::open(":memory:");
  REQUIRE(opened);
  const store::CacheKey key{"s", "insights", "q"};
  (*opened)->put(key, json(std::string(store::ResponseCache::kMaxValueBytes + 1, 'x')));
  CHECK_FALSE((*opened)->get(key, 60));
}
