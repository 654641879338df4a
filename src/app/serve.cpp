#include "app/serve.hpp"

#include <unistd.h>

#include <cstdio>
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
  while (auto line = reader.next()) server.handle_line(*line);
  server.shutdown();
  return 0;
}

}  // namespace fbmcp::app
