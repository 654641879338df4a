#include "app/cli.hpp"

#include <unistd.h>

#include <cstdio>
#include <iostream>
#include <string>
#include <vector>

#include "app/fake_graph_command.hpp"
#include "app/serve.hpp"
#include "app/services.hpp"
#include "core/json_read.hpp"
#include "core/log.hpp"
#include "ops/all_ops.hpp"
#include "tool/catalog.hpp"

namespace fbmcp::app {
namespace {

constexpr const char* kUsage = R"(facebook-mcp — Meta (Facebook + Instagram) ads for AI agents, as one MCP tool.

Usage:
  facebook-mcp [--fake]                      serve MCP (JSON-RPC 2.0) on stdin/stdout; what MCP hosts run
  facebook-mcp call <op> ['<json args>']     run one op and print its result (add --json for JSON only)
  facebook-mcp ops-table                     print the README ops table (generated from the op registry)
  facebook-mcp fake-graph --port N [--fixtures DIR] [--latency-ms MS] [--fault JSON]
                                             serve the Graph API emulator over HTTP on 127.0.0.1 (0 = free port)
  facebook-mcp --help | --version

Environment:
  FACEBOOK_ACCESS_TOKEN   Graph API token; when set the server runs live against Meta
  FACEBOOK_APP_ID         app id (for login and token checks)
  FACEBOOK_APP_SECRET     app secret; every call then carries appsecret_proof
  FACEBOOK_GRAPH_URL      default https://graph.facebook.com
  FACEBOOK_API_VERSION    default v24.0
  FACEBOOK_MODE           fake | live (default: live when a token is set, else fake)
  FACEBOOK_SPEND_LIMITS   JSON budget caps, e.g. {"default":{"max_daily_budget":"100.00","max_increase_pct":50}}
  FACEBOOK_HTTP_TIMEOUT_MS total time one Graph call may take (default 60000)
  FACEBOOK_MCP_DATA_DIR   where the local store (idempotency keys) lives
  FACEBOOK_FIXTURES_DIR   fake mode: load fixtures from this directory instead of the built-in ones
  FACEBOOK_FAKE_CLOCK     fake mode: a fixed time for created/updated times, e.g. 2026-11-23T12:00:00+0000

Fake mode (--fake, or no token): an in-process Graph emulator with sample accounts; nothing real happens.
Examples:
  facebook-mcp call help
  facebook-mcp call list_ad_accounts
  facebook-mcp call list_campaigns '{"ad_account_id":"act_1029384756102938","limit":5}'
Host setup: claude mcp add facebook -- /path/to/facebook-mcp   (see README.md for Claude Desktop, Cursor, VS Code)
)";

int call_command(const std::vector<std::string>& args, bool fake, bool json_only) {
  if (args.empty()) {
    std::cerr << "facebook-mcp call: name an op, e.g. facebook-mcp call list_ad_accounts (or: call help)\n";
    return 2;
  }
  nlohmann::json op_args = nlohmann::json::object();
  if (args.size() > 1) {
    auto parsed = core::parse_json_bounded(args[1]);
    if (!parsed) {
      std::cerr << "facebook-mcp call: the args are " << parsed.error().message
                << "\n  example: facebook-mcp call get_campaign '{\"campaign_id\":\"120210000000000001\"}'\n";
      return 2;
    }
    op_args = std::move(*parsed);
  }
  core::set_stderr_level(core::LogLevel::Warning);
  auto services = make_services(core::load_settings(fake));
  if (!services) {
    std::cerr << "facebook-mcp: " << services.error().message << "\n  " << services.error().hint << "\n";
    return 1;
  }
  const auto result = (*services)->router->call({{"op", args[0]}, {"args", op_args}}, {});
  if (json_only) {
    std::cout << result.structured.dump(2) << "\n";
  } else {
    std::cout << result.text << "\n\n" << result.structured.dump(2) << "\n";
  }
  return result.is_error ? 1 : 0;
}

}  // namespace

int run(int argc, char** argv) {
  std::vector<std::string> positional;
  bool fake = false;
  bool json_only = false;
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    if (arg == "--help" || arg == "-h") {
      std::cout << kUsage;
      return 0;
    }
    if (arg == "--version") {
      std::cout << "facebook-mcp " << FBMCP_VERSION << "\n";
      return 0;
    }
    if (arg == "--fake") fake = true;
    else if (arg == "--json") json_only = true;
    else positional.push_back(arg);
  }
  const std::string command = positional.empty() ? "serve" : positional.front();
  if (command == "serve") return serve_stdio(core::load_settings(fake));
  if (command == "call") return call_command({positional.begin() + 1, positional.end()}, fake, json_only);
  if (command == "fake-graph") return fake_graph_command({positional.begin() + 1, positional.end()});
  if (command == "ops-table") {
    tool::OpRegistry registry;
    ops::register_all_ops(registry);
    std::cout << tool::readme_ops_table(registry);
    return 0;
  }
  std::cerr << "facebook-mcp: unknown command '" << command << "'\n\n" << kUsage;
  return 2;
}

}  // namespace fbmcp::app
