// AES-256-GCM through OpenSSL EVP (DESIGN §1 crypto/, §7): what seals tokens in the local store.
#pragma once
#include <string>
#include <string_view>

#include "core/error.hpp"

namespace fbmcp::crypto {

inline constexpr size_t kAeadKeySize = 32;
inline constexpr size_t kAeadNonceSize = 12;
inline constexpr size_t kAeadTagSize = 16;

// nonce (12 bytes, fresh from RAND_bytes) + ciphertext + tag (16 bytes). `associated_data` is authenticated but
// not stored: the reader must present the same bytes, which binds a sealed value to its place (e.g. a row's label).
core::Result<std::string> seal(std::string_view key, std::string_view plaintext, std::string_view associated_data);

// The plaintext, or an error when the key, the associated data or any byte of `sealed` differs from what was
// sealed. Never returns partial plaintext.
core::Result<std::string> open(std::string_view key, std::string_view sealed, std::string_view associated_data);

// Overwrites the string's bytes (OPENSSL_cleanse, which the optimizer may not drop) and empties it.
void wipe(std::string& secret);

}  // namespace fbmcp::crypto
