// Reading an upload from a local path without being tricked: only a regular file, at most `max_bytes`.
#pragma once
#include <string>

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

}  // namespace fbmcp::media
