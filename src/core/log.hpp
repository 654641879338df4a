// Logging to stderr (never stdout: stdout is the MCP wire) plus an optional sink the MCP layer uses to forward
// records as notifications/message. Every record is redacted before it leaves this module.
#pragma once
#include <functional>
#include <optional>
#include <string>
#include <string_view>

namespace fbmcp::core {

// RFC 5424 severities, as MCP logging uses them.
enum class LogLevel { Debug, Info, Notice, Warning, Error, Critical, Alert, Emergency };

std::string_view to_string(LogLevel level);
std::optional<LogLevel> parse_log_level(std::string_view name);

using LogSink = std::function<void(LogLevel, std::string_view logger, std::string_view message)>;

void set_stderr_level(LogLevel level);
void set_log_sink(LogSink sink);  // the sink filters by its own level
void log(LogLevel level, std::string_view logger, std::string_view message);

}  // namespace fbmcp::core
