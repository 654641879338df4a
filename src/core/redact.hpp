// The single choke point for secrets (DESIGN §7): every log line, error text and result passes through here.
#pragma once
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

namespace fbmcp::core {

// Registers a literal secret (token, app secret, derived proof) so it is masked wherever it appears.
// Values shorter than 8 characters are ignored: masking "abc" everywhere would mangle normal text.
void register_secret(std::string_view secret);

// Masks registered secrets and anything that looks like a credential parameter
// (access_token=, appsecret_proof=, client_secret=, fb_exchange_token=, code=… in URLs or JSON).
std::string redact(std::string_view text);

// Redacts every string inside a JSON value (keys included).
nlohmann::json redact_json(const nlohmann::json& value);

inline constexpr std::string_view kRedacted = "[REDACTED]";

}  // namespace fbmcp::core
