// store/client_page_store: a page token is sealed with its client and page as associated data (a ciphertext moved to
// another row does not open), never kept in plain text, the file is private, and data deletion removes by user.
#include <catch2/catch.hpp>

#include <sqlite3.h>
#include <sys/stat.h>

#include <fstream>

#include "crypto/hmac.hpp"
#include "store/client_page_store.hpp"
#include "support/temp_dir.hpp"

using namespace fbmcp;

TEST_CASE("client page store: sealed page tokens, relinks, rows bound to their place, removal by user",
          "[client_page_store]") {
  testing::TempDir dir;
  const std::string path = dir.file("client_pages.db");
  const std::string key = crypto::random_bytes(32);
  const std::string token_a = "EAAPage-secret-token-of-page-a-0123456789";
  {
    auto opened = store::ClientPageStore::open(path, key);
    REQUIRE(opened);
    auto& pages = **opened;
    store::ClientPage a{"acme", "111", "Acme", "178", "agency", "u1", 0, 0};
    store::ClientPage b{"beta", "222", "Beta", "", "", "u2", 0, 0};
    CHECK(pages.put(a, token_a).value() == true);
    CHECK(pages.put(a, token_a).value() == false);  // the same link again updates it
    CHECK(pages.put(b, "EAAPage-token-b-0123456789").value() == true);
    CHECK(pages.page_token("acme", "111").value() == token_a);
    CHECK(pages.list().value().size() == 2);
    CHECK(pages.list("beta").value().front().page_id == "222");
    CHECK(store::to_json(pages.list("acme").value().front()).dump().find(token_a) == std::string::npos);
    CHECK_FALSE(pages.page_token("acme", "999"));
  }
  struct stat info {};
  REQUIRE(::stat(path.c_str(), &info) == 0);
  CHECK((info.st_mode & 0777) == 0600);
  std::ifstream in(path, std::ios::binary);
  const std::string bytes((std::istreambuf_iterator<char>(in)), {});
  CHECK(bytes.find("acme") != std::string::npos);
  CHECK(bytes.find(token_a) == std::string::npos);

  // A sealed token copied into another row does not open there.
  sqlite3* db = nullptr;
  REQUIRE(sqlite3_open(path.c_str(), &db) == SQLITE_OK);
  REQUIRE(sqlite3_exec(db,
                       "UPDATE client_pages SET sealed_page_token = (SELECT sealed_page_token FROM client_pages "
                       "WHERE client_id = 'acme') WHERE client_id = 'beta'",
                       nullptr, nullptr, nullptr) == SQLITE_OK);
  sqlite3_close(db);
  auto reopened = store::ClientPageStore::open(path, key);
  REQUIRE(reopened);
  CHECK((*reopened)->page_token("acme", "111").value() == token_a);  // survives a reopen
  auto moved = (*reopened)->page_token("beta", "222");
  REQUIRE_FALSE(moved);
  CHECK(moved.error().message.find("cannot decrypt") != std::string::npos);
  // Another key opens nothing; removal needs no key.
  auto wrong = store::ClientPageStore::open(path, crypto::random_bytes(32));
  REQUIRE(wrong);
  CHECK_FALSE((*wrong)->page_token("acme", "111"));
  auto keyless = store::ClientPageStore::open(path, "");
  REQUIRE(keyless);
  CHECK((*keyless)->remove_for_user("u1").value() == 1);
  CHECK((*reopened)->list().value().size() == 1);
  CHECK((*reopened)->remove("beta", "222").value() == true);
  CHECK((*reopened)->remove("beta", "222").value() == false);
}
