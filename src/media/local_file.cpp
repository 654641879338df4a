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

struct Descriptor {
  int fd;
  ~Descriptor() {
    if (fd >= 0) ::close(fd);
  }
};

}  // namespace

core::Result<std::string> read_local_file(const std::string& path, size_t max_bytes, const std::string& arg) {
  const std::string example = "e.g. {\"" + arg + "\":\"/home/me/ads/summer.jpg\"}";
  if (path.empty()) return file_refused(arg, arg + " is empty", "pass the path of an image file, " + example);
  if (path.find('\0') != std::string::npos) return file_refused(arg, arg + " contains a NUL byte", example);
  Descriptor file{::open(path.c_str(), O_RDONLY | O_NONBLOCK | O_CLOEXEC | O_NOCTTY)};
  if (file.fd < 0) {
    const int err = errno;
    return file_refused(arg, "cannot open " + arg + " '" + path + "': " + std::strerror(err),
                        err == ENOENT ? "check the path; relative paths start at the server's working directory"
                                      : "check the path and its permissions");
  }
  struct stat info {};
  if (::fstat(file.fd, &info) != 0) {
    return file_refused(arg, "cannot read " + arg + " '" + path + "': " + std::strerror(errno), example);
  }
  if (!S_ISREG(info.st_mode)) {
    return file_refused(arg, arg + " '" + path + "' is " + kind_of(info.st_mode) + ", not a regular file",
                        "pass the path of an image file, " + example);
  }
  const auto too_big = [&](size_t size) {
    return file_refused(arg,
                        arg + " '" + path + "' is " + std::to_string(size) + " bytes; the limit is " +
                            std::to_string(max_bytes) + " bytes (" + std::to_string(max_bytes / (1024 * 1024)) + " MB)",
                        "make the image smaller (Meta recommends at most 30 MB; 1080x1080 JPEG is plenty)");
  };
  if (static_cast<unsigned long long>(info.st_size) > max_bytes) return too_big(static_cast<size_t>(info.st_size));
  // A regular file opened O_NONBLOCK reads normally; the flag only mattered for open(2) itself.
  std::string bytes;
  bytes.resize(max_bytes + 1 < static_cast<size_t>(info.st_size) + 1 ? max_bytes + 1 : static_cast<size_t>(info.st_size) + 1);
  size_t used = 0;
  for (;;) {
    if (used == bytes.size()) {
      if (used > max_bytes) return too_big(used);
      bytes.resize(std::min(max_bytes + 1, used * 2 + 4096));
    }
    const ssize_t n = ::read(file.fd, bytes.data() + used, bytes.size() - used);
    if (n < 0) {
      if (errno == EINTR) continue;
      return file_refused(arg, "cannot read " + arg + " '" + path + "': " + std::strerror(errno), example);
    }
    if (n == 0) break;
    used += static_cast<size_t>(n);
  }
  if (used > max_bytes) return too_big(used);
  bytes.resize(used);
  return bytes;
}

}  // namespace fbmcp::media
