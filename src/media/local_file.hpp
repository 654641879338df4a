// Reading an upload from a local path without being tricked: only a regular file, at most `max_bytes`.
#pragma once
#include <cstdint>
#include <string>
#include <utility>

#include "core/error.hpp"

namespace fbmcp::media {

// The bytes of the regular file at `path`, or InvalidArgs naming `arg`.
//
// Why this shape: the file is opened first and everything is checked on the open descriptor (fstat), so the path
// cannot be swapped between the check and the read. O_NONBLOCK, because opening a FIFO for reading blocks until a
// writer appears (fifo(7)) — the server would hang; the descriptor's type is checked right after and anything but
// a regular file (FIFO, socket, device such as /dev/zero or /dev/random, directory) is refused. Symlinks are
// followed (no O_NOFOLLOW): a symlink to a real image is an ordinary thing on many systems, and what a link points
// at is no more dangerous than a file passed directly — the content check (media_type.hpp) is what stops a key or
// config from being sent, whatever the name or link. At most max_bytes + 1 bytes are read, so a file that grows
// while it is read is still refused.
core::Result<std::string> read_local_file(const std::string& path, size_t max_bytes, const std::string& arg);

// A regular file opened for reading piece by piece (videos: up to gigabytes, never read whole), with the same
// checks as read_local_file. Move-only; closes on destruction.
class LocalFile {
 public:
  LocalFile() = default;
  LocalFile(LocalFile&& other) noexcept : fd_(std::exchange(other.fd_, -1)), size_(other.size_) {}
  LocalFile& operator=(LocalFile&& other) noexcept;
  LocalFile(const LocalFile&) = delete;
  LocalFile& operator=(const LocalFile&) = delete;
  ~LocalFile();

  uint64_t size() const { return size_; }
  // Up to `length` bytes from `offset` into `bytes` (fewer only at the end of the file), reusing its memory: a
  // caller reading chunk after chunk allocates once. `arg` names the argument in errors.
  core::Result<void> read_at(uint64_t offset, size_t length, std::string& bytes, const std::string& arg) const;

 private:
  friend core::Result<LocalFile> open_local_file(const std::string& path, const std::string& arg,
                                                 const std::string& kind, const std::string& example);
  int fd_ = -1;
  uint64_t size_ = 0;
};

// `kind` and `example` go into hints: "a video file", "e.g. {\"file_path\":\"/home/me/ads/summer.mp4\"}".
core::Result<LocalFile> open_local_file(const std::string& path, const std::string& arg, const std::string& kind,
                                        const std::string& example);

}  // namespace fbmcp::media
