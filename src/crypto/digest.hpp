// Message digests as lowercase hex, from OpenSSL's EVP layer: one place for what image hashes (MD5), idempotency
// keys (SHA-256) and signatures (HMAC-SHA256, hmac.hpp) print.
#pragma once
#include <string>
#include <string_view>

namespace fbmcp::crypto {

std::string md5_hex(std::string_view bytes);
std::string sha256_hex(std::string_view bytes);

// Lowercase hex of `size` raw bytes.
std::string lower_hex(const unsigned char* bytes, size_t size);

}  // namespace fbmcp::crypto
