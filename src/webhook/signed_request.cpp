#include "webhook/signed_request.hpp"

#include "core/json_read.hpp"
#include "crypto/base64.hpp"
#include "crypto/digest.hpp"
#include "crypto/hmac.hpp"

namespace fbmcp::webhook {

core::Result<SignedRequest> open_signed_request(std::string_view app_secret, std::string_view signed_request) {
  const auto dot = signed_request.find('.');
  if (dot == std::string_view::npos || signed_request.find('.', dot + 1) != std::string_view::npos) {
    return core::fail(core::ErrorKind::InvalidArgs, "signed_request is not <signature>.<payload>");
  }
  const std::string_view encoded_payload = signed_request.substr(dot + 1);
  const auto signature = crypto::base64url_decode(signed_request.substr(0, dot));
  if (!signature || signature->size() != 32) {
    return core::fail(core::ErrorKind::PermissionDenied, "signed_request's signature is not a base64url SHA-256 MAC");
  }
  // The MAC covers the encoded segment as it came, so it is checked before the payload is even decoded.
  const std::string given = crypto::lower_hex(reinterpret_cast<const unsigned char*>(signature->data()),
                                              signature->size());
  if (app_secret.empty() ||
      !crypto::equal_in_constant_time(given, crypto::hmac_sha256_hex(app_secret, encoded_payload))) {
    return core::fail(core::ErrorKind::PermissionDenied, "signed_request's signature does not match the app secret");
  }
  const auto payload_text = crypto::base64url_decode(encoded_payload);
  if (!payload_text) return core::fail(core::ErrorKind::InvalidArgs, "signed_request's payload is not base64url");
  auto payload = core::parse_json_bounded(*payload_text, 8);
  if (!payload || !payload->is_object()) {
    return core::fail(core::ErrorKind::InvalidArgs, "signed_request's payload is not a JSON object");
  }
  const auto* algorithm = core::find_field(*payload, "algorithm");
  // The payload names its algorithm (graph-api-facts.md: "HMAC-SHA256"); any other was not signed the way we check.
  if (!algorithm || !algorithm->is_string() || algorithm->get<std::string>() != "HMAC-SHA256") {
    return core::fail(core::ErrorKind::PermissionDenied, "signed_request's algorithm is not HMAC-SHA256");
  }
  SignedRequest opened;
  const auto* user_id = core::find_field(*payload, "user_id");
  if (user_id && user_id->is_string()) opened.user_id = user_id->get<std::string>();
  if (user_id && user_id->is_number_unsigned()) opened.user_id = std::to_string(user_id->get<uint64_t>());
  if (opened.user_id.empty()) return core::fail(core::ErrorKind::InvalidArgs, "signed_request names no user_id");
  opened.payload = std::move(*payload);
  return opened;
}

}  // namespace fbmcp::webhook
