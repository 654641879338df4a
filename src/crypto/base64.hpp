// Standard base64 (RFC 4648 §4, with padding) through OpenSSL's EVP codec: how an encryption key travels in an
// environment variable. And its URL-safe alphabet (§5), which Meta uses unpadded in signed_request and preview links.
#pragma once
#include <optional>
#include <string>
#include <string_view>

namespace fbmcp::crypto {

std::string base64_encode(std::string_view data);

// nullopt unless `text` is well-formed padded base64 (surrounding whitespace is ignored).
std::optional<std::string> base64_decode(std::string_view text);

// URL-safe base64 (RFC 4648 §5: '-' and '_' for '+' and '/') without '=' padding.
std::string base64url_encode(std::string_view data);

// nullopt unless `text` is well-formed URL-safe base64; trailing '=' padding is accepted but not required (Meta sends
// none; a hand-made test vector may have it).
std::optional<std::string> base64url_decode(std::string_view text);

}  // namespace fbmcp::crypto
