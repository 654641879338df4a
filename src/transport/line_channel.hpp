// MCP stdio framing: one JSON-RPC message per line, UTF-8, no embedded newlines (compact JSON escapes them).
// One writer lock, so responses, progress and log notifications from several threads never interleave.
#pragma once
#include <cstdio>
#include <mutex>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>

namespace fbmcp::transport {

// Longest message we accept. Clients send up to ~10 MiB (an image upload as base64); anything longer is refused
// without being held in memory, so one endless line cannot exhaust memory.
inline constexpr size_t kMaxLineBytes = 16 * 1024 * 1024;

struct Line {
  std::string text;      // without its newline (a trailing \r is dropped too); empty when too_long
  size_t bytes = 0;      // the line's full length as sent
  bool too_long = false; // longer than the reader's cap: the rest was read and dropped
};

class LineReader {
 public:
  explicit LineReader(std::FILE* in, size_t max_bytes = kMaxLineBytes) : in_(in), max_bytes_(max_bytes) {}
  // The next line; nullopt at EOF. A final line without a newline still counts. NUL bytes are kept (the JSON
  // parser refuses them with a clear error).
  std::optional<Line> next();

 private:
  std::FILE* in_;
  size_t max_bytes_;
};

class LineWriter {
 public:
  explicit LineWriter(std::FILE* out) : out_(out) {}
  // Serializes compactly (invalid UTF-8 replaced, never thrown on), writes one line and flushes.
  void write(const nlohmann::json& message);

 private:
  std::mutex mutex_;
  std::FILE* out_;
};

}  // namespace fbmcp::transport
