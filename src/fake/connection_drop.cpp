#include "fake/connection_drop.hpp"

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <filesystem>
#include <string>

namespace fbmcp::fake {
namespace {

int port_of(const sockaddr_storage& address) {
  if (address.ss_family == AF_INET) return ntohs(reinterpret_cast<const sockaddr_in&>(address).sin_port);
  if (address.ss_family == AF_INET6) return ntohs(reinterpret_cast<const sockaddr_in6&>(address).sin6_port);
  return -1;
}

bool is_connection(int fd, int local_port, int remote_port) {
  sockaddr_storage local{}, peer{};
  socklen_t local_size = sizeof local, peer_size = sizeof peer;
  if (::getsockname(fd, reinterpret_cast<sockaddr*>(&local), &local_size) != 0) return false;
  if (::getpeername(fd, reinterpret_cast<sockaddr*>(&peer), &peer_size) != 0) return false;
  return port_of(peer) == remote_port && (local_port <= 0 || port_of(local) == local_port);
}

}  // namespace

bool drop_connection(int local_port, int remote_port) {
  if (remote_port <= 0) return false;
  std::error_code error;
  std::filesystem::directory_iterator fds("/proc/self/fd", error);
  if (error) return false;
  for (const auto& entry : fds) {
    const std::string name = entry.path().filename().string();
    if (name.empty() || name.find_first_not_of("0123456789") != std::string::npos || name.size() > 9) continue;
    const int fd = std::stoi(name);
    if (!is_connection(fd, local_port, remote_port)) continue;
    const int sink = ::open("/dev/null", O_RDWR | O_CLOEXEC);
    if (sink < 0) return false;
    // dup2 closes the socket (its only descriptor) and leaves `fd` naming /dev/null until httplib closes it.
    const bool dropped = ::dup2(sink, fd) == fd;
    ::close(sink);
    return dropped;
  }
  return false;
}

}  // namespace fbmcp::fake
