#include "crypto/digest.hpp"

#include <openssl/evp.h>

#include <memory>

namespace fbmcp::crypto {
namespace {

// SHA-256 is hashed a million times for one customer list (ops/audiences): OpenSSL 3 looks the algorithm up on
// every EVP_sha256()/EVP_Digest call (an "implicit fetch") and allocates a context each time, which cost several
// times the hashing itself. The algorithm is fetched once per process and each thread reuses one context.
const EVP_MD* sha256_algorithm() {
  static EVP_MD* fetched = EVP_MD_fetch(nullptr, "SHA256", nullptr);
  return fetched ? fetched : EVP_sha256();
}

struct DigestContextFree {
  void operator()(EVP_MD_CTX* ctx) const { EVP_MD_CTX_free(ctx); }
};

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
std::string sha256_hex(std::string_view bytes) {
  thread_local std::unique_ptr<EVP_MD_CTX, DigestContextFree> ctx(EVP_MD_CTX_new());
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int length = 0;
  if (!ctx || EVP_DigestInit_ex(ctx.get(), sha256_algorithm(), nullptr) != 1 ||
      EVP_DigestUpdate(ctx.get(), bytes.data(), bytes.size()) != 1 || EVP_DigestFinal_ex(ctx.get(), digest, &length) != 1) {
    return digest_hex(bytes, EVP_sha256());
  }
  return lower_hex(digest, length);
}

}  // namespace fbmcp::crypto
