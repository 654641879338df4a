#include "store/store_key.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>

#include "crypto/aead.hpp"
#include "crypto/base64.hpp"
#include "crypto/hmac.hpp"

namespace fbmcp::store {
namespace {

constexpr const char* kKeyHint =
    "set FACEBOOK_MCP_KEY to the base64 of 32 random bytes (e.g. `openssl rand -base64 32`), or unset it to use "
    "the key file in the data dir";

std::string errno_text() { return std::strerror(errno); }

}  // namespace

core::Result<std::string> read_key_file(const std::string& path) {
  const int fd = ::open(path.c_str(), O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
  if (fd < 0) return core::fail(core::ErrorKind::Internal, "cannot read the key file " + path + ": " + errno_text());
  struct stat info {};
  if (::fstat(fd, &info) != 0 || !S_ISREG(info.st_mode)) {
    ::close(fd);
    return core::fail(core::ErrorKind::Internal, "the key file " + path + " is not a regular file");
  }
  if ((info.st_mode & 077) != 0) {
    ::close(fd);
    char mode[8];
    std::snprintf(mode, sizeof mode, "%03o", static_cast<unsigned>(info.st_mode & 0777));
    return core::fail(core::ErrorKind::PermissionDenied,
                      "the key file " + path + " has mode " + mode + ": others may read it, so it is not used",
                      "if nobody else could have read it: chmod 600 " + path +
                          "; otherwise treat the stored tokens as exposed, revoke them and start a new store");
  }
  std::string key(crypto::kAeadKeySize + 1, '\0');
  const ssize_t n = ::read(fd, key.data(), key.size());
  ::close(fd);
  if (n != static_cast<ssize_t>(crypto::kAeadKeySize)) {
    crypto::wipe(key);
    return core::fail(core::ErrorKind::Internal,
                      "the key file " + path + " does not hold a 32-byte key (it was altered or truncated)",
                      "restore it from a backup; without it the stored tokens cannot be read");
  }
  key.resize(crypto::kAeadKeySize);
  return key;
}

StoreKey::~StoreKey() { crypto::wipe(bytes); }

core::Result<void> make_private_dir(const std::string& dir) {
  std::error_code ec;
  std::filesystem::create_directories(dir, ec);
  if (ec) {
    return core::fail(core::ErrorKind::Internal, "cannot create the data dir " + dir + ": " + ec.message(),
                      "set FACEBOOK_MCP_DATA_DIR to a writable directory");
  }
  if (::chmod(dir.c_str(), 0700) != 0) {
    return core::fail(core::ErrorKind::Internal, "cannot make the data dir " + dir + " private: " + errno_text());
  }
  return {};
}

core::Result<std::string> decode_key_variable(const std::string& value) {
  auto decoded = crypto::base64_decode(value);
  if (!decoded) {
    return core::fail(core::ErrorKind::InvalidArgs, std::string(kKeyVariable) + " is not valid base64", kKeyHint);
  }
  if (decoded->size() != crypto::kAeadKeySize) {
    const size_t size = decoded->size();
    crypto::wipe(*decoded);
    return core::fail(core::ErrorKind::InvalidArgs,
                      std::string(kKeyVariable) + " decodes to " + std::to_string(size) + " bytes; it must be 32",
                      kKeyHint);
  }
  return std::move(*decoded);
}

core::Result<void> write_key_file(const std::string& path, const std::string& key, bool replace) {
  const std::string temporary = path + ".tmp." + std::to_string(::getpid());  // two processes never share it
  ::unlink(temporary.c_str());
  const int fd = ::open(temporary.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600);
  if (fd < 0) return core::fail(core::ErrorKind::Internal, "cannot write " + temporary + ": " + errno_text());
  const bool written = ::write(fd, key.data(), key.size()) == static_cast<ssize_t>(key.size()) && ::fsync(fd) == 0;
  ::close(fd);
  const bool placed = written && (replace ? ::rename(temporary.c_str(), path.c_str()) == 0
                                          : ::link(temporary.c_str(), path.c_str()) == 0 || errno == EEXIST);
  if (!placed) {
    const std::string reason = errno_text();
    ::unlink(temporary.c_str());
    return core::fail(core::ErrorKind::Internal, "cannot write the key file " + path + ": " + reason);
  }
  if (!replace) ::unlink(temporary.c_str());
  // The rename is durable only once the directory entry is.
  const std::string dir = std::filesystem::path(path).parent_path().string();
  if (const int dir_fd = ::open(dir.empty() ? "." : dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC); dir_fd >= 0) {
    ::fsync(dir_fd);
    ::close(dir_fd);
  }
  return {};
}

core::Result<StoreKey> load_store_key(const std::string& data_dir, const char* environment_value) {
  StoreKey key;
  key.file = data_dir + "/store.key";
  if (environment_value && *environment_value) {
    auto decoded = decode_key_variable(environment_value);
    if (!decoded) return std::unexpected(decoded.error());
    key.bytes = std::move(*decoded);
    key.source = KeySource::Environment;
    return key;
  }
  key.source = KeySource::File;
  if (auto dir = make_private_dir(data_dir); !dir) return std::unexpected(dir.error());
  if (::access(key.file.c_str(), F_OK) != 0) {
    std::string fresh = crypto::random_bytes(crypto::kAeadKeySize);
    auto written = write_key_file(key.file, fresh, /*replace=*/false);
    crypto::wipe(fresh);
    if (!written) return std::unexpected(written.error());
  }
  auto bytes = read_key_file(key.file);
  if (!bytes) return std::unexpected(bytes.error());
  key.bytes = std::move(*bytes);
  return key;
}

}  // namespace fbmcp::store
