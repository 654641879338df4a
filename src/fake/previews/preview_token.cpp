#include "fake/previews/preview_token.hpp"

#include <algorithm>

#include "crypto/base64.hpp"
#include "crypto/hmac.hpp"

namespace fbmcp::fake {
namespace {

// Not a secret worth keeping (the emulator is a test double): it only makes a hand-edited d fail as a forged one
// would on Meta, where preview_iframe.php answers an error page.
constexpr const char* kPreviewMacKey = "fbmcp-fake-graph preview_iframe";
constexpr size_t kPreviewMacChars = 32;

// Meta's d and t are URL-safe base64 without padding ("AQJe8y…_MjqZ…"), as seen in the preview links Graph hands out.
std::string preview_base64url(const std::string& bytes) {
  std::string text = crypto::base64_encode(bytes);
  std::replace(text.begin(), text.end(), '+', '-');
  std::replace(text.begin(), text.end(), '/', '_');
  while (!text.empty() && text.back() == '=') text.pop_back();
  return text;
}

std::optional<std::string> preview_unbase64url(std::string text) {
  if (text.empty() || text.find_first_of("+/=") != std::string::npos) return std::nullopt;
  std::replace(text.begin(), text.end(), '-', '+');
  std::replace(text.begin(), text.end(), '_', '/');
  while (text.size() % 4 != 0) text += '=';
  return crypto::base64_decode(text);
}

std::string preview_mac(const std::string& d) {
  return crypto::hmac_sha256_hex(kPreviewMacKey, d).substr(0, kPreviewMacChars);
}

}  // namespace

PreviewToken seal_preview(const nlohmann::json& payload) {
  PreviewToken token;
  token.d = preview_base64url(payload.dump());
  token.t = preview_mac(token.d);
  return token;
}

std::optional<nlohmann::json> open_preview(const std::string& d, const std::string& t) {
  if (t.size() != kPreviewMacChars || !crypto::equal_in_constant_time(preview_mac(d), t)) return std::nullopt;
  const auto bytes = preview_unbase64url(d);
  if (!bytes) return std::nullopt;
  auto payload = nlohmann::json::parse(*bytes, nullptr, false);
  if (!payload.is_object()) return std::nullopt;
  return payload;
}

}  // namespace fbmcp::fake
