#include "crypto/aead.hpp"

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/rand.h>

#include <climits>
#include <memory>

namespace fbmcp::crypto {
namespace {

using CipherContext = std::unique_ptr<EVP_CIPHER_CTX, decltype(&EVP_CIPHER_CTX_free)>;

const unsigned char* bytes(std::string_view s) { return reinterpret_cast<const unsigned char*>(s.data()); }
unsigned char* bytes(std::string& s) { return reinterpret_cast<unsigned char*>(s.data()); }

core::Result<void> check_sizes(std::string_view key, size_t data_size, size_t ad_size) {
  if (key.size() != kAeadKeySize) {
    return core::fail(core::ErrorKind::Internal, "the encryption key must be 32 bytes, got " +
                                                     std::to_string(key.size()));
  }
  if (data_size > INT_MAX / 2 || ad_size > INT_MAX / 2) {
    return core::fail(core::ErrorKind::Internal, "the value to encrypt is too large");
  }
  return {};
}

}  // namespace

void wipe(std::string& secret) {
  if (!secret.empty()) OPENSSL_cleanse(secret.data(), secret.size());
  secret.clear();
}

core::Result<std::string> seal(std::string_view key, std::string_view plaintext, std::string_view associated_data) {
  if (auto ok = check_sizes(key, plaintext.size(), associated_data.size()); !ok) return std::unexpected(ok.error());
  std::string out(kAeadNonceSize + plaintext.size() + kAeadTagSize, '\0');
  if (RAND_bytes(bytes(out), kAeadNonceSize) != 1) {
    return core::fail(core::ErrorKind::Internal, "OpenSSL could not produce a random nonce");
  }
  CipherContext ctx(EVP_CIPHER_CTX_new(), &EVP_CIPHER_CTX_free);
  int length = 0;
  const bool ok =
      ctx && EVP_EncryptInit_ex(ctx.get(), EVP_aes_256_gcm(), nullptr, nullptr, nullptr) == 1 &&
      EVP_CIPHER_CTX_ctrl(ctx.get(), EVP_CTRL_GCM_SET_IVLEN, kAeadNonceSize, nullptr) == 1 &&
      EVP_EncryptInit_ex(ctx.get(), nullptr, nullptr, bytes(key), bytes(out)) == 1 &&
      EVP_EncryptUpdate(ctx.get(), nullptr, &length, bytes(associated_data),
                        static_cast<int>(associated_data.size())) == 1 &&
      EVP_EncryptUpdate(ctx.get(), bytes(out) + kAeadNonceSize, &length, bytes(plaintext),
                        static_cast<int>(plaintext.size())) == 1 &&
      EVP_EncryptFinal_ex(ctx.get(), bytes(out) + kAeadNonceSize + length, &length) == 1 &&
      EVP_CIPHER_CTX_ctrl(ctx.get(), EVP_CTRL_GCM_GET_TAG, kAeadTagSize,
                          bytes(out) + kAeadNonceSize + plaintext.size()) == 1;
  if (!ok) {
    wipe(out);
    return core::fail(core::ErrorKind::Internal, "OpenSSL could not encrypt (AES-256-GCM)");
  }
  return out;
}

core::Result<std::string> open(std::string_view key, std::string_view sealed, std::string_view associated_data) {
  if (auto ok = check_sizes(key, sealed.size(), associated_data.size()); !ok) return std::unexpected(ok.error());
  if (sealed.size() < kAeadNonceSize + kAeadTagSize) {
    return core::fail(core::ErrorKind::Internal, "the encrypted value is too short to be AES-256-GCM output");
  }
  const size_t text_size = sealed.size() - kAeadNonceSize - kAeadTagSize;
  std::string tag(sealed.substr(kAeadNonceSize + text_size));  // EVP wants a mutable pointer for the tag
  std::string out(text_size, '\0');
  CipherContext ctx(EVP_CIPHER_CTX_new(), &EVP_CIPHER_CTX_free);
  int length = 0;
  const bool ok =
      ctx && EVP_DecryptInit_ex(ctx.get(), EVP_aes_256_gcm(), nullptr, nullptr, nullptr) == 1 &&
      EVP_CIPHER_CTX_ctrl(ctx.get(), EVP_CTRL_GCM_SET_IVLEN, kAeadNonceSize, nullptr) == 1 &&
      EVP_DecryptInit_ex(ctx.get(), nullptr, nullptr, bytes(key), bytes(sealed)) == 1 &&
      EVP_DecryptUpdate(ctx.get(), nullptr, &length, bytes(associated_data),
                        static_cast<int>(associated_data.size())) == 1 &&
      EVP_DecryptUpdate(ctx.get(), bytes(out), &length, bytes(sealed) + kAeadNonceSize,
                        static_cast<int>(text_size)) == 1 &&
      EVP_CIPHER_CTX_ctrl(ctx.get(), EVP_CTRL_GCM_SET_TAG, kAeadTagSize, tag.data()) == 1 &&
      EVP_DecryptFinal_ex(ctx.get(), bytes(out) + length, &length) == 1;  // checks the tag
  if (!ok) {
    wipe(out);  // decrypted bytes that failed authentication must not escape
    return core::fail(core::ErrorKind::Internal,
                      "the encrypted value does not authenticate (wrong key, or altered data)");
  }
  return out;
}

}  // namespace fbmcp::crypto
