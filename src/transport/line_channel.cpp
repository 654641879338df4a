#include "transport/line_channel.hpp"

namespace fbmcp::transport {

std::optional<Line> LineReader::next() {
  Line line;
  bool any = false;
  int c;
  // getc_unlocked: only the reader thread reads stdin, and per-byte locking would dominate a 10 MiB line.
  while ((c = getc_unlocked(in_)) != EOF) {
    any = true;
    if (c == '\n') break;
    ++line.bytes;
    if (line.too_long) continue;
    if (line.text.size() >= max_bytes_) {
      line.too_long = true;
      std::string().swap(line.text);
      continue;
    }
    line.text.push_back(static_cast<char>(c));
  }
  if (!any) return std::nullopt;
  if (!line.text.empty() && line.text.back() == '\r') line.text.pop_back();
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
