// webhook/hub_signature, webhook/signed_request and crypto base64url: known answers, with every vector built here
// from the spec (RFC 4231 for HMAC-SHA256, RFC 4648 for base64url, graph-api-facts.md for Meta's formats) through
// OpenSSL directly, not through the code under test.
#include <catch2/catch.hpp>

#include <openssl/evp.h>
#include <openssl/hmac.h>

#include "crypto/base64.hpp"
#include "crypto/hmac.hpp"
#include "webhook/hub_signature.hpp"
#include "webhook/signed_request.hpp"

using namespace fbmcp;
using nlohmann::json;

namespace {

constexpr const char* kSecret = "0123456789abcdef0123456789abcdef";

std::string raw_hmac(const std::string& key, const std::string& message) {
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int length = 0;
  HMAC(EVP_sha256(), key.data(), static_cast<int>(key.size()), reinterpret_cast<const unsigned char*>(message.data()),
       message.size(), digest, &length);
  return std::string(reinterpret_cast<const char*>(digest), length);
}

// RFC 4648 §5 by hand: standard base64, then the URL-safe alphabet, then no padding.
std::string url_safe(std::string standard) {
  for (auto& c : standard) c = c == '+' ? '-' : c == '/' ? '_' : c;
  while (!standard.empty() && standard.back() == '=') standard.pop_back();
  return standard;
}

std::string standard_base64(const std::string& bytes) {
  std::string out(4 * ((bytes.size() + 2) / 3) + 1, '\0');
  const int n = EVP_EncodeBlock(reinterpret_cast<unsigned char*>(out.data()),
                                reinterpret_cast<const unsigned char*>(bytes.data()), static_cast<int>(bytes.size()));
  out.resize(static_cast<size_t>(n));
  return out;
}

// signed_request as the spec builds it: b64url(HMAC-SHA256(secret, encoded payload)) "." encoded payload.
std::string spec_signed_request(const std::string& secret, const json& payload) {
  const std::string encoded = url_safe(standard_base64(payload.dump()));
  return url_safe(standard_base64(raw_hmac(secret, encoded))) + "." + encoded;
}

}  // namespace

TEST_CASE("HMAC-SHA256 gives RFC 4231's known answer", "[webhooks]") {
  // RFC 4231 test case 2.
  CHECK(crypto::hmac_sha256_hex("Jefe", "what do ya want for nothing?") ==
        "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
  CHECK(webhook::hub_signature_for("Jefe", "what do ya want for nothing?") ==
        "sha256=5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
}

TEST_CASE("X-Hub-Signature-256 is accepted only for the exact body and secret", "[webhooks]") {
  const std::string body = R"({"object":"page","entry":[]})";
  const std::string good = "sha256=" + crypto::hmac_sha256_hex(kSecret, body);
  CHECK(webhook::hub_signature_matches(kSecret, good, body));
  std::string upper = good;
  for (size_t i = 7; i < upper.size(); ++i) upper[i] = static_cast<char>(std::toupper(upper[i]));
  CHECK(webhook::hub_signature_matches(kSecret, upper, body));  // hex case does not matter
  CHECK_FALSE(webhook::hub_signature_matches(kSecret, good, body + " "));
  CHECK_FALSE(webhook::hub_signature_matches("another secret", good, body));
  CHECK_FALSE(webhook::hub_signature_matches(kSecret, good.substr(7), body));  // no "sha256="
  CHECK_FALSE(webhook::hub_signature_matches(kSecret, "sha1=" + good.substr(7), body));
  CHECK_FALSE(webhook::hub_signature_matches(kSecret, good.substr(0, good.size() - 1), body));
  CHECK_FALSE(webhook::hub_signature_matches(kSecret, "", body));
  CHECK_FALSE(webhook::hub_signature_matches("", "sha256=" + crypto::hmac_sha256_hex("", body), body));
}

TEST_CASE("base64url follows RFC 4648 section 5 without padding", "[webhooks]") {
  // RFC 4648 §10 vectors, unpadded; 0xfb 0xff shows the two URL-safe letters.
  const std::pair<std::string, std::string> vectors[] = {
      {"f", "Zg"}, {"fo", "Zm8"}, {"foo", "Zm9v"}, {"foob", "Zm9vYg"}, {"fooba", "Zm9vYmE"}, {"foobar", "Zm9vYmFy"},
      {"\xfb\xff", "-_8"}};
  for (const auto& [bytes, text] : vectors) {
    CHECK(crypto::base64url_encode(bytes) == text);
    CHECK(crypto::base64url_decode(text) == bytes);
  }
  CHECK(crypto::base64url_decode("Zm8=") == std::string("fo"));  // padding tolerated
  CHECK_FALSE(crypto::base64url_decode("+/8"));   // the standard alphabet is not base64url
  CHECK_FALSE(crypto::base64url_decode("Zm 9v"));
  CHECK_FALSE(crypto::base64url_decode("Z"));     // one leftover character encodes no byte
  CHECK_FALSE(crypto::base64url_decode(""));
}

TEST_CASE("signed_request opens when signed with the app secret, and names the user", "[webhooks]") {
  const json payload = {{"algorithm", "HMAC-SHA256"}, {"issued_at", 1764000000}, {"user_id", "218471"}};
  auto opened = webhook::open_signed_request(kSecret, spec_signed_request(kSecret, payload));
  REQUIRE(opened);
  CHECK(opened->user_id == "218471");
  CHECK(opened->payload["issued_at"] == 1764000000);

  SECTION("a numeric user_id is read as its digits") {
    auto numeric = webhook::open_signed_request(
        kSecret, spec_signed_request(kSecret, {{"algorithm", "HMAC-SHA256"}, {"user_id", 218471}}));
    REQUIRE(numeric);
    CHECK(numeric->user_id == "218471");
  }
}

TEST_CASE("signed_request with a bad signature, algorithm or shape is refused", "[webhooks]") {
  const json payload = {{"algorithm", "HMAC-SHA256"}, {"issued_at", 1764000000}, {"user_id", "218471"}};
  const std::string good = spec_signed_request(kSecret, payload);
  const auto dot = good.find('.');

  auto kind_of = [](const std::string& secret, const std::string& request) {
    auto opened = webhook::open_signed_request(secret, request);
    REQUIRE_FALSE(opened);
    return opened.error().kind;
  };
  CHECK(kind_of("another secret", good) == core::ErrorKind::PermissionDenied);
  CHECK(kind_of("", good) == core::ErrorKind::PermissionDenied);
  // The payload changed after signing (a different user id).
  const std::string forged_payload = url_safe(standard_base64(json{{"algorithm", "HMAC-SHA256"}, {"user_id", "1"}}.dump()));
  CHECK(kind_of(kSecret, good.substr(0, dot) + "." + forged_payload) == core::ErrorKind::PermissionDenied);
  // Signed correctly, but with another algorithm named.
  CHECK(kind_of(kSecret, spec_signed_request(kSecret, {{"algorithm", "HMAC-SHA1"}, {"user_id", "218471"}})) ==
        core::ErrorKind::PermissionDenied);
  CHECK(kind_of(kSecret, spec_signed_request(kSecret, {{"user_id", "218471"}})) == core::ErrorKind::PermissionDenied);
  // Signed correctly, but saying nothing usable.
  CHECK(kind_of(kSecret, spec_signed_request(kSecret, {{"algorithm", "HMAC-SHA256"}})) == core::ErrorKind::InvalidArgs);
  CHECK(kind_of(kSecret, spec_signed_request(kSecret, json::array({1, 2}))) == core::ErrorKind::InvalidArgs);
  CHECK(kind_of(kSecret, "no-dot-at-all") == core::ErrorKind::InvalidArgs);
  CHECK(kind_of(kSecret, good + ".extra") == core::ErrorKind::InvalidArgs);
  CHECK(kind_of(kSecret, "." + good.substr(dot + 1)) == core::ErrorKind::PermissionDenied);
  CHECK(kind_of(kSecret, std::string("\xff\xfe.\x01\x02", 5)) == core::ErrorKind::PermissionDenied);
}
