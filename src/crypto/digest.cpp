#include "crypto/digest.hpp"

#include <openssl/evp.h>

namespace fbmcp::crypto {
namespace {

std::string digest_hex(std::string_view bytes, const EVP_MD* algorithm) {
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int length = 0;
  EVP_Digest(bytes.data(), bytes.size(), digest, &length, algorithm, nullptr);
  return lower_hex(digest, length);
}

}  // namespace

std::string lower_hex(const unsigned char* bytes, size_t size) {
  static constexpr char kHex[] = "0123456789abcdef";
  std::string hex;
  hex.reserve(size * 2);
  for (size_t i = 0; i < size; ++i) {
    hex += kHex[bytes[i] >> 4];
    hex += kHex[bytes[i] & 15];
  }
  return hex;
}

std::string md5_hex(std::string_view bytes) { return digest_hex(bytes, EVP_md5()); }
std::string sha256_hex(std::string_view bytes) { return digest_hex(bytes, EVP_sha256()); }

}  // namespace fbmcp::crypto
