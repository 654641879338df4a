#include "webhook/hub_signature.hpp"

#include "core/text.hpp"
#include "crypto/hmac.hpp"

namespace fbmcp::webhook {

std::string hub_signature_for(std::string_view app_secret, std::string_view raw_body) {
  return "sha256=" + crypto::hmac_sha256_hex(app_secret, raw_body);
}

bool hub_signature_matches(std::string_view app_secret, std::string_view header, std::string_view raw_body) {
  constexpr std::string_view kPrefix = "sha256=";
  if (app_secret.empty() || header.substr(0, kPrefix.size()) != kPrefix) return false;
  // Hex digits are case-insensitive; the comparison is on the lower-case form either way.
  const std::string given = core::ascii_lower(std::string(header.substr(kPrefix.size())));
  return crypto::equal_in_constant_time(given, crypto::hmac_sha256_hex(app_secret, raw_body));
}

}  // namespace fbmcp::webhook
