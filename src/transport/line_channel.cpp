#include "transport/line_channel.hpp"

#include <cstdlib>

namespace fbmcp::transport {

std::optional<std::string> LineReader::next() {
  char* buffer = nullptr;
  size_t capacity = 0;
  const ssize_t length = ::getline(&buffer, &capacity, in_);
  if (length < 0) {
    std::free(buffer);
    return std::nullopt;
  }
  std::string line(buffer, static_cast<size_t>(length));
  std::free(buffer);
  while (!line.empty() && (line.back() == '\n' || line.back() == '\r')) line.pop_back();
  return line;
}

void LineWriter::write(const nlohmann::json& message) {
  std::string line = message.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  line += '\n';
  std::lock_guard lock(mutex_);
  std::fwrite(line.data(), 1, line.size(), out_);
  std::fflush(out_);
}

}  // namespace fbmcp::transport
