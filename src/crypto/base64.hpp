// Standard base64 (RFC 4648 §4, with padding) through OpenSSL's EVP codec: how an encryption key travels in an
// environment variable.
#pragma once
#include <optional>
#include <string>
#include <string_view>

namespace fbmcp::crypto {

std::string base64_encode(std::string_view data);

// nullopt unless `text` is well-formed padded base64 (surrounding whitespace is ignored).
std::optional<std::string> base64_decode(std::string_view text);

}  // namespace fbmcp::crypto
