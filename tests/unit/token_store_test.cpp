// crypto/aead, store/store_key and store/token_store: the encrypted token store (issue 12, DESIGN §7).
#include <catch2/catch.hpp>

#include <sqlite3.h>
#include <stdlib.h>
#include <sys/stat.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "crypto/aead.hpp"
#include "crypto/base64.hpp"
#include "crypto/hmac.hpp"
#include "store/store_key.hpp"
#include "store/token_store.hpp"
#include "support/temp_dir.hpp"

using namespace fbmcp;
namespace fs = std::filesystem;

namespace {

struct TokenStoreDir : testing::TempDir {
  TokenStoreDir() : testing::TempDir("fbmcp-tokens") {}
};

unsigned mode_of(const std::string& path) {
  struct stat info {};
  REQUIRE(::stat(path.c_str(), &info) == 0);
  return info.st_mode & 0777;
}

std::string read_all(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream buffer;
  buffer << in.rdbuf();
  return buffer.str();
}

std::unique_ptr<store::TokenStore> open_store(const std::string& path, const std::string& key) {
  auto opened = store::TokenStore::open(path, key);
  REQUIRE(opened);
  return std::move(*opened);
}

// Runs one SQL statement on the store's file behind its back, as an attacker (or a bad restore) would.
void sql(const std::string& path, const std::string& statement) {
  sqlite3* db = nullptr;
  REQUIRE(sqlite3_open(path.c_str(), &db) == SQLITE_OK);
  char* message = nullptr;
  const int rc = sqlite3_exec(db, statement.c_str(), nullptr, nullptr, &message);
  sqlite3_free(message);
  sqlite3_close(db);
  REQUIRE(rc == SQLITE_OK);
}

const std::string kKey(32, 'k');
const std::string kOtherKey(32, 'o');

}  // namespace

TEST_CASE("AES-256-GCM: round trip, fresh nonce per seal", "[token_store][crypto]") {
  auto sealed = crypto::seal(kKey, "EAAG-secret", "token:work");
  REQUIRE(sealed);
  CHECK(sealed->size() == crypto::kAeadNonceSize + 11 + crypto::kAeadTagSize);
  CHECK(sealed->find("EAAG-secret") == std::string::npos);
  auto opened = crypto::open(kKey, *sealed, "token:work");
  REQUIRE(opened);
  CHECK(*opened == "EAAG-secret");
  auto again = crypto::seal(kKey, "EAAG-secret", "token:work");
  REQUIRE(again);
  CHECK(again->substr(0, 12) != sealed->substr(0, 12));
  CHECK(*again != *sealed);
  auto empty = crypto::seal(kKey, "", "");
  REQUIRE(empty);
  CHECK(crypto::open(kKey, *empty, "").value() == "");
}

TEST_CASE("AES-256-GCM: any altered byte, other associated data or another key fails", "[token_store][crypto]") {
  const auto sealed = crypto::seal(kKey, "EAAG-secret-value", "token:work").value();
  const size_t ciphertext_at = crypto::kAeadNonceSize + 3;
  const size_t tag_at = sealed.size() - 1;
  for (const size_t at : {size_t{0}, size_t{11}, ciphertext_at, tag_at}) {
    std::string altered = sealed;
    altered[at] ^= 0x01;
    auto opened = crypto::open(kKey, altered, "token:work");
    INFO("byte " << at);
    REQUIRE_FALSE(opened);
    CHECK(opened.error().message.find("does not authenticate") != std::string::npos);
  }
  CHECK_FALSE(crypto::open(kKey, sealed, "token:home"));
  CHECK_FALSE(crypto::open(kOtherKey, sealed, "token:work"));
  CHECK_FALSE(crypto::open(kKey, sealed.substr(0, 20), "token:work"));
  CHECK_FALSE(crypto::open(kKey, sealed + "x", "token:work"));
  CHECK_FALSE(crypto::seal("short", "x", ""));
  CHECK_FALSE(crypto::open("short", sealed, ""));
}

TEST_CASE("base64 for FACEBOOK_MCP_KEY", "[token_store][crypto]") {
  CHECK(crypto::base64_encode("foobar") == "Zm9vYmFy");
  CHECK(crypto::base64_decode("Zm9vYg==").value() == "foob");
  CHECK(crypto::base64_decode(" Zm9vYmE=\n").value() == "fooba");
  CHECK_FALSE(crypto::base64_decode("Zm9v YmE="));
  CHECK_FALSE(crypto::base64_decode("Zm9vYmE"));
  CHECK_FALSE(crypto::base64_decode("Zm=vYmE="));
  CHECK_FALSE(crypto::base64_decode("!!!!"));
  CHECK_FALSE(crypto::base64_decode(""));
  const std::string random = crypto::random_bytes(32);
  CHECK(crypto::base64_decode(crypto::base64_encode(random)).value() == random);
}

TEST_CASE("store key: from FACEBOOK_MCP_KEY, errors name the variable and never echo it", "[token_store]") {
  TokenStoreDir dir;
  const std::string encoded = crypto::base64_encode(kOtherKey);
  auto key = store::load_store_key(dir.file("data"), encoded.c_str());
  REQUIRE(key);
  CHECK(key->source == store::KeySource::Environment);
  CHECK(key->bytes == kOtherKey);
  CHECK_FALSE(fs::exists(dir.file("data/store.key")));  // the environment's key is never copied to disk

  const std::string short_key = crypto::base64_encode("sixteen-byte-key");
  auto wrong_length = store::load_store_key(dir.file("data"), short_key.c_str());
  REQUIRE_FALSE(wrong_length);
  CHECK(wrong_length.error().message.find("FACEBOOK_MCP_KEY") != std::string::npos);
  CHECK(wrong_length.error().message.find("16 bytes") != std::string::npos);
  CHECK(wrong_length.error().message.find(short_key) == std::string::npos);
  CHECK(wrong_length.error().hint.find(short_key) == std::string::npos);

  auto not_base64 = store::load_store_key(dir.file("data"), "not*base64*secretvalue");
  REQUIRE_FALSE(not_base64);
  CHECK(not_base64.error().message.find("FACEBOOK_MCP_KEY") != std::string::npos);
  CHECK(not_base64.error().message.find("secretvalue") == std::string::npos);
}

TEST_CASE("store key: a key file created 0600 in a 0700 dir on first use, then read back", "[token_store]") {
  TokenStoreDir dir;
  const std::string data = dir.file("nested/data");
  auto first = store::load_store_key(data, nullptr);
  REQUIRE(first);
  CHECK(first->source == store::KeySource::File);
  CHECK(first->bytes.size() == 32);
  CHECK(mode_of(data + "/store.key") == 0600);
  CHECK(mode_of(data) == 0700);
  auto second = store::load_store_key(data, "");  // an empty variable counts as unset
  REQUIRE(second);
  CHECK(second->bytes == first->bytes);
  CHECK(read_all(data + "/store.key") == first->bytes);
}

TEST_CASE("store key: a key file others may read is refused", "[token_store]") {
  TokenStoreDir dir;
  REQUIRE(store::load_store_key(dir.path, nullptr));
  REQUIRE(::chmod(dir.file("store.key").c_str(), 0644) == 0);
  auto loose = store::load_store_key(dir.path, nullptr);
  REQUIRE_FALSE(loose);
  CHECK(loose.error().message.find("mode 644") != std::string::npos);
  CHECK(loose.error().hint.find("chmod 600") != std::string::npos);

  std::ofstream(dir.file("store.key"), std::ios::trunc) << "short";
  REQUIRE(::chmod(dir.file("store.key").c_str(), 0600) == 0);
  auto truncated = store::load_store_key(dir.path, nullptr);
  REQUIRE_FALSE(truncated);
  CHECK(truncated.error().message.find("32-byte") != std::string::npos);
}

TEST_CASE("token store: add, replace, get, list without values, default, status, remove", "[token_store]") {
  TokenStoreDir dir;
  const std::string db = dir.file("data/tokens.db");
  auto tokens = open_store(db, kKey);
  CHECK(mode_of(db) == 0600);
  CHECK(mode_of(dir.file("data")) == 0700);

  store::TokenMetadata meta;
  meta.user_id = "1001";
  meta.user_name = "Ada";
  meta.scopes = {"ads_read"};
  meta.expires_at = 1900000000;
  REQUIRE(tokens->put("work", "EAAG-work-token", meta));
  REQUIRE(tokens->put("home", "EAAG-home-token", {}));
  CHECK(tokens->get_token("work").value() == "EAAG-work-token");
  CHECK(tokens->get_token("home").value() == "EAAG-home-token");

  auto rows = tokens->list().value();
  REQUIRE(rows.size() == 2);
  CHECK(rows[0].label == "home");
  CHECK_FALSE(rows[0].is_default);
  CHECK(rows[1].label == "work");
  CHECK(rows[1].is_default);  // the first token stored
  CHECK(rows[1].metadata.user_name == "Ada");
  CHECK(rows[1].metadata.scopes == nlohmann::json{"ads_read"});
  CHECK(rows[1].status == "active");
  nlohmann::json listed = nlohmann::json::array();
  for (const auto& row : rows) listed.push_back(store::to_json(row));
  CHECK(listed.dump().find("EAAG") == std::string::npos);

  REQUIRE(tokens->mark_status("work", "expired"));
  CHECK(tokens->list().value()[1].status == "expired");
  CHECK_FALSE(tokens->mark_status("work", "gone"));
  REQUIRE(tokens->put("work", "EAAG-work-token-2", meta));  // a replacement is active again, still default
  rows = tokens->list().value();
  CHECK(rows[1].status == "active");
  CHECK(rows[1].is_default);
  CHECK(tokens->get_token("work").value() == "EAAG-work-token-2");

  REQUIRE(tokens->set_default("home"));
  rows = tokens->list().value();
  CHECK(rows[0].is_default);
  CHECK_FALSE(rows[1].is_default);
  CHECK(tokens->set_default("nobody").error().kind == core::ErrorKind::NotFound);

  REQUIRE(tokens->remove("home"));
  CHECK(tokens->get_token("home").error().kind == core::ErrorKind::NotFound);
  CHECK(tokens->remove("home").error().kind == core::ErrorKind::NotFound);
  CHECK_FALSE(tokens->put("bad label", "x", {}));
  CHECK_FALSE(tokens->put("empty", "", {}));
}

TEST_CASE("token store: a wrong key is a clear error naming the label, never an overwrite", "[token_store]") {
  TokenStoreDir dir;
  const std::string db = dir.file("tokens.db");
  open_store(db, kKey)->put("work", "EAAG-work-token", {}).value();
  auto wrong = open_store(db, kOtherKey);
  CHECK_FALSE(wrong->key_matches());
  auto token = wrong->get_token("work");
  REQUIRE_FALSE(token);
  CHECK(token.error().message ==
        "cannot decrypt token 'work': wrong key (FACEBOOK_MCP_KEY or store.key changed?) or the row was altered");
  auto added = wrong->put("home", "EAAG-home-token", {});  // would mix two keys in one store
  REQUIRE_FALSE(added);
  CHECK(added.error().message.find("another key") != std::string::npos);
  CHECK_FALSE(wrong->put("work", "EAAG-overwrite", {}));
  CHECK_FALSE(wrong->rotate_key(kKey));
  CHECK(wrong->list().value().size() == 1);  // metadata needs no key
  CHECK(open_store(db, kKey)->get_token("work").value() == "EAAG-work-token");
  REQUIRE(wrong->remove("work"));  // a token nobody can decrypt can still be removed
  CHECK(wrong->key_matches());      // nothing left sealed with the old key: the new key takes over
  REQUIRE(wrong->put("work", "EAAG-work-token-again", {}));
  CHECK(wrong->get_token("work").value() == "EAAG-work-token-again");
  CHECK_FALSE(open_store(db, kKey)->key_matches());
}

TEST_CASE("token store: a ciphertext moved to another row or altered does not open", "[token_store]") {
  TokenStoreDir dir;
  const std::string db = dir.file("tokens.db");
  {
    auto tokens = open_store(db, kKey);
    REQUIRE(tokens->put("work", "EAAG-work-token", {}));
    REQUIRE(tokens->put("home", "EAAG-home-token", {}));
  }
  sql(db, "UPDATE tokens SET sealed_token = (SELECT sealed_token FROM tokens WHERE label = 'work') "
          "WHERE label = 'home'");
  auto tokens = open_store(db, kKey);
  auto moved = tokens->get_token("home");
  REQUIRE_FALSE(moved);
  CHECK(moved.error().message.find("cannot decrypt token 'home'") != std::string::npos);
  CHECK(tokens->get_token("work").value() == "EAAG-work-token");

  sql(db, "UPDATE tokens SET sealed_token = substr(sealed_token, 1, length(sealed_token) - 1) || x'00' "
          "WHERE label = 'work'");
  CHECK(tokens->get_token("work").error().message.find("cannot decrypt token 'work'") != std::string::npos);
}

TEST_CASE("token store: rotate_key re-encrypts every row, all or nothing", "[token_store]") {
  TokenStoreDir dir;
  const std::string db = dir.file("tokens.db");
  auto tokens = open_store(db, kKey);
  REQUIRE(tokens->put("a", "EAAG-a-token", {}));
  REQUIRE(tokens->put("b", "EAAG-b-token", {}));

  SECTION("success: the old key no longer opens, the new one does") {
    REQUIRE(tokens->rotate_key(kOtherKey));
    CHECK(tokens->get_token("a").value() == "EAAG-a-token");
    auto old_key = open_store(db, kKey);
    CHECK_FALSE(old_key->key_matches());
    CHECK_FALSE(old_key->get_token("a"));
    CHECK_FALSE(old_key->get_token("b"));
    auto new_key = open_store(db, kOtherKey);
    CHECK(new_key->key_matches());
    CHECK(new_key->get_token("b").value() == "EAAG-b-token");
  }
  SECTION("a row that does not open rolls everything back") {
    sql(db, "UPDATE tokens SET sealed_token = x'00112233445566778899aabbccddeeff00112233445566778899' "
            "WHERE label = 'b'");
    auto rotated = tokens->rotate_key(kOtherKey);
    REQUIRE_FALSE(rotated);
    CHECK(rotated.error().message.find("cannot decrypt token 'b'") != std::string::npos);
    CHECK(rotated.error().message.find("nothing was re-encrypted") != std::string::npos);
    CHECK(tokens->get_token("a").value() == "EAAG-a-token");
    CHECK(open_store(db, kKey)->get_token("a").value() == "EAAG-a-token");
    CHECK_FALSE(open_store(db, kOtherKey)->get_token("a"));
  }
  SECTION("a failure before commit (the new key could not be saved) rolls everything back") {
    auto rotated = tokens->rotate_key(kOtherKey, [] {
      return core::Result<void>(core::fail(core::ErrorKind::Internal, "disk full"));
    });
    REQUIRE_FALSE(rotated);
    CHECK(rotated.error().message == "disk full");
    CHECK(tokens->get_token("a").value() == "EAAG-a-token");
    CHECK(open_store(db, kKey)->get_token("b").value() == "EAAG-b-token");
    CHECK(open_store(db, kKey)->key_matches());
  }
}

TEST_CASE("token store: the canary token never appears in plaintext in the data dir", "[token_store]") {
  TokenStoreDir dir;
  const std::string canary = "EAAG-canary-" + crypto::base64_encode(crypto::random_bytes(12));
  {
    auto key = store::load_store_key(dir.path, nullptr).value();
    auto tokens = open_store(dir.file("tokens.db"), key.bytes);
    REQUIRE(tokens->put("canary", canary, {}));
    REQUIRE(tokens->put("other", "EAAG-other-token", {}));
    CHECK(tokens->get_token("canary").value() == canary);
    const auto rows = tokens->list().value();
    for (const auto& row : rows) CHECK(store::to_json(row).dump().find(canary) == std::string::npos);
    std::string fresh = crypto::random_bytes(32);
    REQUIRE(tokens->rotate_key(fresh));
    REQUIRE(tokens->remove("other"));
  }
  size_t scanned = 0;
  for (const auto& entry : fs::recursive_directory_iterator(dir.path)) {
    if (!entry.is_regular_file()) continue;
    ++scanned;
    INFO(entry.path());
    CHECK(read_all(entry.path()).find(canary) == std::string::npos);
    CHECK(read_all(entry.path()).find("EAAG-canary") == std::string::npos);
  }
  CHECK(scanned >= 2);
}
