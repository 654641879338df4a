// The signature Meta puts on every webhook event POST: `X-Hub-Signature-256: sha256=<hex HMAC-SHA256(app secret,
// raw body)>` (FBD/graph-api/webhooks/getting-started, "Validate Payloads"; /work/shared/reference/graph-api-facts.md).
#pragma once
#include <string>
#include <string_view>

namespace fbmcp::webhook {

inline constexpr const char* kHubSignatureHeader = "X-Hub-Signature-256";

// True only when `header` is "sha256=" plus the HMAC of exactly these body bytes; compared in constant time, so
// response timing tells a forger nothing about how much of a guess was right.
bool hub_signature_matches(std::string_view app_secret, std::string_view header, std::string_view raw_body);

// The header value Meta would send for `raw_body` (tests and local senders use it).
std::string hub_signature_for(std::string_view app_secret, std::string_view raw_body);

}  // namespace fbmcp::webhook
