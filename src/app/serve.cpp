#include "app/serve.hpp"

#include <unistd.h>

#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <string>

#include "app/services.hpp"
#include "core/log.hpp"
#include "mcp/server.hpp"
#include "transport/line_channel.hpp"

namespace fbmcp::app {
namespace {

// To stderr only: stdout is the protocol. Hosts ignore stderr; a person at a terminal learns what this is.
void print_banner(const core::Settings& settings, const char* self) {
  std::fprintf(stderr,
               "facebook-mcp %s: MCP server for Meta ads, one tool `facebook` (op + args).\n%s\n"
               "Serving MCP (newline-delimited JSON-RPC 2.0) on stdin/stdout.\n"
               "Try one op from a shell:  %s call list_ad_accounts\n"
               "Add to Claude Code:       claude mcp add facebook -- %s\n",
               FBMCP_VERSION, mode_line(settings).c_str(), self, self);
  if (::isatty(STDIN_FILENO)) {
    std::fprintf(stderr, "stdin is a terminal: paste JSON-RPC lines, or press Ctrl-D to quit.\n");
  }
}

std::string self_path() {
  char buffer[4096];
  const ssize_t n = ::readlink("/proc/self/exe", buffer, sizeof buffer - 1);
  return n > 0 ? std::string(buffer, static_cast<size_t>(n)) : "facebook-mcp";
}

}  // namespace

int serve_stdio(const core::Settings& settings) {
  // A host that stops reading must not kill us mid-write with SIGPIPE: writes then fail with EPIPE instead, and
  // EOF on stdin ends the session in order.
  std::signal(SIGPIPE, SIG_IGN);
  print_banner(settings, self_path().c_str());
  auto services = make_services(settings);
  if (!services) {
    std::fprintf(stderr, "facebook-mcp: %s\n  %s\n", services.error().message.c_str(), services.error().hint.c_str());
    return 1;
  }
  for (const auto& problem : (*services)->registry->schema_problems()) {
    core::log(core::LogLevel::Error, "registry", problem);
  }
  transport::LineWriter writer(stdout);
  transport::LineReader reader(stdin);
  mcp::ServerInfo info;
  info.version = FBMCP_VERSION;
  info.mode_line = mode_line(settings);
  info.fake = settings.mode == core::Mode::Fake;
  mcp::Server server(*(*services)->router, mcp::PromptLibrary::load_embedded(), info,
                     [&writer](const nlohmann::json& message) { writer.write(message); });
  while (auto line = reader.next()) {
    if (line->too_long) server.reject_oversized_line(line->bytes, transport::kMaxLineBytes);
    else server.handle_line(line->text);
  }
  if (!server.shutdown()) {
    // A call is still busy (a Graph request that has not timed out yet). Its work so far is recorded; leave
    // without unwinding, as the worker still uses the server and the objects it was given.
    core::log(core::LogLevel::Warning, "mcp", "stdin closed; exiting with a call still in flight");
    std::fflush(stdout);
    std::fflush(stderr);
    std::_Exit(0);
  }
  return 0;
}

}  // namespace fbmcp::app
