#include "media/local_file.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>

namespace fbmcp::media {
namespace {

core::Result<std::string> file_refused(const std::string& arg, std::string message, std::string hint) {
  auto error = core::fail(core::ErrorKind::InvalidArgs, std::move(message), std::move(hint));
  error.error().path = arg;
  return error;
}

std::string kind_of(mode_t mode) {
  if (S_ISDIR(mode)) return "a directory";
  if (S_ISFIFO(mode)) return "a FIFO (named pipe)";
  if (S_ISSOCK(mode)) return "a socket";
  if (S_ISCHR(mode)) return "a character device";
  if (S_ISBLK(mode)) return "a block device";
  return "not a regular file";
}

}  // namespace

LocalFile& LocalFile::operator=(LocalFile&& other) noexcept {
  if (this != &other) {
    if (fd_ >= 0) ::close(fd_);
    fd_ = std::exchange(other.fd_, -1);
    size_ = other.size_;
  }
  return *this;
}

LocalFile::~LocalFile() {
  if (fd_ >= 0) ::close(fd_);
}

core::Result<void> LocalFile::read_at(uint64_t offset, size_t length, std::string& bytes, const std::string& arg) const {
  bytes.resize(length);
  size_t used = 0;
  while (used < length) {
    const ssize_t n = ::pread(fd_, bytes.data() + used, length - used, static_cast<off_t>(offset + used));
    if (n < 0) {
      if (errno == EINTR) continue;
      return std::unexpected(
          file_refused(arg, "cannot read " + arg + ": " + std::strerror(errno), "check that the file is still there").error());
    }
    if (n == 0) break;
    used += static_cast<size_t>(n);
  }
  bytes.resize(used);
  return {};
}

core::Result<LocalFile> open_local_file(const std::string& path, const std::string& arg, const std::string& kind,
                                        const std::string& example) {
  const auto refused = [&](std::string message, std::string hint) -> core::Result<LocalFile> {
    return std::unexpected(file_refused(arg, std::move(message), std::move(hint)).error());
  };
  if (path.empty()) return refused(arg + " is empty", "pass the path of " + kind + ", " + example);
  if (path.find('\0') != std::string::npos) return refused(arg + " contains a NUL byte", example);
  LocalFile file;
  file.fd_ = ::open(path.c_str(), O_RDONLY | O_NONBLOCK | O_CLOEXEC | O_NOCTTY);
  if (file.fd_ < 0) {
    const int err = errno;
    return refused("cannot open " + arg + " '" + path + "': " + std::strerror(err),
                   err == ENOENT ? "check the path; relative paths start at the server's working directory"
                                 : "check the path and its permissions");
  }
  struct stat info {};
  if (::fstat(file.fd_, &info) != 0) {
    return refused("cannot read " + arg + " '" + path + "': " + std::strerror(errno), example);
  }
  if (!S_ISREG(info.st_mode)) {
    return refused(arg + " '" + path + "' is " + kind_of(info.st_mode) + ", not a regular file",
                   "pass the path of " + kind + ", " + example);
  }
  file.size_ = static_cast<uint64_t>(info.st_size);
  return file;
}

core::Result<std::string> read_local_file(const std::string& path, size_t max_bytes, const std::string& arg) {
  const std::string example = "e.g. {\"" + arg + "\":\"/home/me/ads/summer.jpg\"}";
  auto opened = open_local_file(path, arg, "an image file", example);
  if (!opened) return std::unexpected(opened.error());
  const auto too_big = [&](uint64_t size) {
    return file_refused(arg,
                        arg + " '" + path + "' is " + std::to_string(size) + " bytes; the limit is " +
                            std::to_string(max_bytes) + " bytes (" + std::to_string(max_bytes / (1024 * 1024)) + " MB)",
                        "make the image smaller (Meta recommends at most 30 MB; 1080x1080 JPEG is plenty)");
  };
  if (opened->size() > max_bytes) return too_big(opened->size());
  // Read until the end, never more than max_bytes + 1: a file that grows while it is read is still refused.
  std::string bytes;
  for (;;) {
    const size_t want = std::min<uint64_t>(max_bytes + 1 - bytes.size(),
                                           std::max<uint64_t>(opened->size() + 1 - std::min<uint64_t>(bytes.size(), opened->size()), 65536));
    std::string piece;
    if (auto read = opened->read_at(bytes.size(), want, piece, arg); !read) return std::unexpected(read.error());
    bytes += piece;
    if (bytes.size() > max_bytes) return too_big(bytes.size());
    if (piece.size() < want) break;
  }
  return bytes;
}

}  // namespace fbmcp::media
