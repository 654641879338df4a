#include "core/log.hpp"

#include <array>
#include <cstdio>
#include <mutex>

#include "core/redact.hpp"

namespace fbmcp::core {
namespace {

constexpr std::array<std::string_view, 8> kLevelNames = {"debug",    "info",  "notice", "warning",
                                                         "error",    "critical", "alert", "emergency"};

struct LogState {
  std::mutex mutex;
  LogLevel stderr_level = LogLevel::Info;
  LogSink sink;
};

LogState& state() {
  static LogState s;
  return s;
}

}  // namespace

std::string_view to_string(LogLevel level) { return kLevelNames[static_cast<size_t>(level)]; }

std::optional<LogLevel> parse_log_level(std::string_view name) {
  for (size_t i = 0; i < kLevelNames.size(); ++i) {
    if (kLevelNames[i] == name) return static_cast<LogLevel>(i);
  }
  return std::nullopt;
}

void set_stderr_level(LogLevel level) {
  std::lock_guard lock(state().mutex);
  state().stderr_level = level;
}

void set_log_sink(LogSink sink) {
  std::lock_guard lock(state().mutex);
  state().sink = std::move(sink);
}

void log(LogLevel level, std::string_view logger, std::string_view message) {
  const std::string clean = redact(message);
  LogSink sink;
  {
    std::lock_guard lock(state().mutex);
    if (level >= state().stderr_level) {
      std::fprintf(stderr, "facebook-mcp [%s] %.*s: %s\n", kLevelNames[static_cast<size_t>(level)].data(),
                   static_cast<int>(logger.size()), logger.data(), clean.c_str());
      std::fflush(stderr);
    }
    sink = state().sink;
  }
  if (sink) sink(level, logger, clean);
}

}  // namespace fbmcp::core
