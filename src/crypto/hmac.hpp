// HMAC-SHA256 and random bytes from OpenSSL's EVP layer (DESIGN §1 crypto/): what signs confirmation tokens.
#pragma once
#include <string>
#include <string_view>

namespace fbmcp::crypto {

// Lowercase hex of HMAC-SHA256(key, message).
std::string hmac_sha256_hex(std::string_view key, std::string_view message);

// `count` bytes from OpenSSL's CSPRNG (RAND_bytes); aborts the process if the CSPRNG cannot be seeded, as there is
// no safe fallback for a signing key.
std::string random_bytes(size_t count);

// Constant-time comparison of two strings of equal length (false when lengths differ).
bool equal_in_constant_time(std::string_view a, std::string_view b);

}  // namespace fbmcp::crypto
