// MCP stdio framing: one JSON-RPC message per line, UTF-8, no embedded newlines (compact JSON escapes them).
// One writer lock, so responses, progress and log notifications from several threads never interleave.
#pragma once
#include <cstdio>
#include <mutex>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>

namespace fbmcp::transport {

class LineReader {
 public:
  explicit LineReader(std::FILE* in) : in_(in) {}
  // The next line without its newline (a trailing \r is dropped too); nullopt at EOF. No length cap: clients send
  // up to 10 MiB messages.
  std::optional<std::string> next();

 private:
  std::FILE* in_;
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
