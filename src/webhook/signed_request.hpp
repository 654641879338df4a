// Meta's signed_request, the form field of the deauthorize and data-deletion callbacks:
// `<base64url(signature)>.<base64url(JSON payload)>`, the signature being HMAC-SHA256 with the app secret over the
// *encoded* payload segment, the payload saying `"algorithm":"HMAC-SHA256"` and the app-scoped `user_id`
// (FBD/development/create-an-app/app-dashboard/data-deletion-callback; /work/shared/reference/graph-api-facts.md).
#pragma once
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "core/error.hpp"

namespace fbmcp::webhook {

struct SignedRequest {
  std::string user_id;      // app-scoped; a number in the payload is taken as its decimal text
  nlohmann::json payload;   // the whole decoded payload (issued_at, …)
};

// The payload when the signature is the app secret's and the algorithm is HMAC-SHA256; otherwise an error whose
// message says which check failed (PermissionDenied for a bad signature or algorithm, InvalidArgs for a malformed
// request). Never throws, whatever the bytes.
core::Result<SignedRequest> open_signed_request(std::string_view app_secret, std::string_view signed_request);

}  // namespace fbmcp::webhook
