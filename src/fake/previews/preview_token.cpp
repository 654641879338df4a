#include "fake/previews/preview_token.hpp"

#include "crypto/base64.hpp"
#include "crypto/hmac.hpp"

namespace fbmcp::fake {
namespace {

// Not a secret worth keeping (the emulator is a test double): it only makes a hand-edited d fail as a forged one
// would on Meta, where preview_iframe.php answers an error page.
constexpr const char* kPreviewMacKey = "fbmcp-fake-graph preview_iframe";
constexpr size_t kPreviewMacChars = 32;

std::string preview_mac(const std::string& d) {
  return crypto::hmac_sha256_hex(kPreviewMacKey, d).substr(0, kPreviewMacChars);
}

}  // namespace

PreviewToken seal_preview(const nlohmann::json& payload) {
  PreviewToken token;
  // Meta's d and t are URL-safe base64 without padding ("AQJe8y…_MjqZ…"), as in the preview links Graph hands out.
  token.d = crypto::base64url_encode(payload.dump());
  token.t = preview_mac(token.d);
  return token;
}

std::optional<nlohmann::json> open_preview(const std::string& d, const std::string& t) {
  if (t.size() != kPreviewMacChars || !crypto::equal_in_constant_time(preview_mac(d), t)) return std::nullopt;
  const auto bytes = crypto::base64url_decode(d);
  if (!bytes) return std::nullopt;
  auto payload = nlohmann::json::parse(*bytes, nullptr, false);
  if (!payload.is_object()) return std::nullopt;
  return payload;
}

}  // namespace fbmcp::fake
