#include "app/cli.hpp"

#include <sys/ioctl.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <iostream>
#include <optional>
#include <string>
#include <vector>

#include "app/fake_graph_command.hpp"
#include "app/serve.hpp"
#include "app/login_command.hpp"
#include "app/token_command.hpp"
#include "app/token_store_access.hpp"
#include "app/webhooks_command.hpp"
#include "app/services.hpp"
#include "core/json_read.hpp"
#include "core/log.hpp"
#include "fake/world_state.hpp"
#include "store/change_journal.hpp"
#include "ops/all_ops.hpp"
#include "tool/catalog.hpp"

namespace fbmcp::app {
namespace {

constexpr const char* kUsage = R"(facebook-mcp — Meta (Facebook + Instagram) ads for AI agents, as one MCP tool.

Usage:
  facebook-mcp [--fake] [--read-only]        serve MCP (JSON-RPC 2.0) on stdin/stdout; what MCP hosts run;
                                             --read-only offers and runs read ops only (also for call)
  facebook-mcp call <op> ['<json args>'] [--state FILE]
                                             run one op and print its result (add --json for JSON only);
                                             with --state the fake world is loaded from and saved to FILE, so
                                             the next call continues it (progress goes to stderr); a spend
                                             or delete asks "[y/N]" on a terminal, else only previews
  facebook-mcp fake reset [--state FILE]     delete the fake state file (FILE or FACEBOOK_FAKE_STATE) and the
                                             change journal kept beside it (FILE.journal.db): the next run
                                             starts from the fixtures again
  facebook-mcp login [--label NAME]          Facebook Login in a browser; the 60-day token is stored encrypted
  facebook-mcp token add --label NAME < FILE store a token (read from stdin, never argv) encrypted in the data dir
  facebook-mcp token list [--json]           stored tokens: label, status, default, user, expiry (never the token)
  facebook-mcp token remove --label NAME     delete a stored token
  facebook-mcp token rotate-key              re-encrypt every stored token under a new key: a new random
                                             store.key, or, when FACEBOOK_MCP_KEY holds the key, the key in
                                             FACEBOOK_MCP_NEW_KEY (never printed; set FACEBOOK_MCP_KEY to it after)
  facebook-mcp ops-table                     print the README ops table (generated from the op registry)
  facebook-mcp fake-graph --port N [--fixtures DIR] [--latency-ms MS] [--fault JSON]
                                             serve the Graph API emulator over HTTP on 127.0.0.1 (0 = free port)
  facebook-mcp webhooks --port N [--host H] [--public-url URL]
                                             receive Meta's webhook events, deauthorize and data-deletion
                                             callbacks on 127.0.0.1 (0 = free port); list_webhook_events shows them
  facebook-mcp --help | --version

Environment:
  FACEBOOK_ACCESS_TOKEN   Graph API token; when set the server runs live against Meta
  FACEBOOK_APP_SECRET     app secret; every call then carries appsecret_proof; webhooks verifies signatures with it
  FACEBOOK_WEBHOOK_VERIFY_TOKEN  webhooks: the verify token typed in the app dashboard's webhook subscription
  FACEBOOK_GRAPH_URL      default https://graph.facebook.com
  FACEBOOK_GRAPH_VIDEO_URL video uploads (default https://graph-video.facebook.com, or FACEBOOK_GRAPH_URL when set)
  FACEBOOK_API_VERSION    default v24.0
  FACEBOOK_MODE           fake | live (default: live when a token is set, else fake)
  FACEBOOK_SPEND_LIMITS   JSON budget caps, e.g. {"default":{"max_daily_budget":"100.00","max_increase_pct":50}}
  FACEBOOK_HTTP_TIMEOUT_MS total time one Graph call may take (default 60000)
  FACEBOOK_MCP_DATA_DIR   where the local store (idempotency keys, tokens.db, store.key, journal.db) lives
  FACEBOOK_READ_ONLY      1 = read ops only (as --read-only): every other op is refused before Meta is called
  FACEBOOK_MCP_KEY        base64 of 32 bytes: the key of the token store (default: store.key in the data dir,
                          created 0600 on first use)
  FACEBOOK_FIXTURES_DIR   fake mode: load fixtures from this directory instead of the built-in ones
  FACEBOOK_FAKE_CLOCK     fake mode: a fixed time for created/updated times, e.g. 2026-11-23T12:00:00+0000
  FACEBOOK_FAKE_STATE     fake mode: keep the world in this file (0600) across calls and restarts; processes
                          sharing it take turns (a lock), the last writer wins per object

Fake mode (--fake, or no token): an in-process Graph emulator with sample accounts; nothing real happens.
Examples:
  facebook-mcp call help
  facebook-mcp call list_ad_accounts
  facebook-mcp call list_campaigns '{"ad_account_id":"act_1029384756102938","limit":5}'
  facebook-mcp call create_campaign '{"ad_account_id":"act_1029384756102938","name":"Test","objective":"OUTCOME_TRAFFIC","special_ad_categories":[],"daily_budget":{"amount":"20.00"}}' --state /tmp/fb.json
  facebook-mcp fake reset --state /tmp/fb.json
Host setup: claude mcp add facebook -- /path/to/facebook-mcp   (see README.md for Claude Desktop, Cursor, VS Code)
)";

// Progress of a running op, on stderr only (stdout holds the result). On a terminal one status line rewrites
// itself; otherwise (a log, a pipe) each step is a line of its own, so nothing is lost.
class ProgressLine {
 public:
  ProgressLine() : terminal_(::isatty(STDERR_FILENO) == 1) {}
  ~ProgressLine() { clear(); }

  void show(const std::string& message) {
    std::string text;
    for (const char c : message) text += static_cast<unsigned char>(c) < 0x20 || c == 0x7f ? ' ' : c;  // one line
    if (!terminal_) {
      std::fprintf(stderr, "facebook-mcp: %s\n", text.c_str());
      return;
    }
    // Longer than the terminal is wide, the line would wrap and \r could not take it back.
    winsize size{};
    const size_t width = ::ioctl(STDERR_FILENO, TIOCGWINSZ, &size) == 0 && size.ws_col > 4 ? size.ws_col - 1 : 79;
    text = "… " + text;
    if (text.size() > width) text.resize(width);  // bytes, not columns: errs on the short side for UTF-8
    std::fprintf(stderr, "\r%s\x1b[K", text.c_str());
    std::fflush(stderr);
    shown_ = true;
  }
  // Takes the status line away before the result is printed.
  void clear() {
    if (!shown_) return;
    std::fprintf(stderr, "\r\x1b[K");
    std::fflush(stderr);
    shown_ = false;
  }

 private:
  bool terminal_;
  bool shown_ = false;
};

int call_command(const std::vector<std::string>& args, core::Settings settings, bool json_only) {
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
  if (settings.mode == core::Mode::Live && !settings.fake_state.empty()) {
    std::cerr << "facebook-mcp: live mode: the fake state file " << settings.fake_state << " is not used\n";
  }
  auto services = make_services(settings);
  if (!services) {
    std::cerr << "facebook-mcp: " << services.error().message << "\n  " << services.error().hint << "\n";
    return 1;
  }
  ProgressLine progress;
  tool::CallEnv env;
  env.progress = [&progress](const std::string& message) { progress.show(message); };
  // The person at a terminal is the user whose agreement a spend or delete needs: ask them there, as MCP
  // elicitation asks in a host. Without a terminal (scripts, CI) the call returns the preview and changes nothing;
  // its confirmation token only works in the same process, so a script cannot confirm by a second `call`.
  if (::isatty(STDIN_FILENO) == 1 && ::isatty(STDERR_FILENO) == 1) {
    env.confirm = [&progress](const tool::ChangePreview& preview) {
      progress.clear();
      std::cerr << preview.question << " [y/N] " << std::flush;
      std::string answer;
      if (!std::getline(std::cin, answer)) return tool::ConfirmAnswer::Declined;
      return answer == "y" || answer == "Y" || answer == "yes" ? tool::ConfirmAnswer::Accepted
                                                               : tool::ConfirmAnswer::Declined;
    };
  }
  const auto result = (*services)->router->call({{"op", args[0]}, {"args", op_args}}, env);
  progress.clear();
  for (const auto& image : result.images) {
    // A terminal cannot show it; an MCP host shows it as image content beside the text.
    std::cerr << "(the result carries an image: " << image.mime_type << ", " << image.bytes.size() << " bytes)\n";
  }
  if (json_only) {
    std::cout << result.structured.dump(2) << "\n";
  } else {
    std::cout << result.text << "\n\n" << result.structured.dump(2) << "\n";
  }
  return result.is_error ? 1 : 0;
}

// `fake reset`: forget the kept fake world, so the next run seeds from the fixtures.
int fake_command(const std::vector<std::string>& args, const core::Settings& settings) {
  if (args.size() != 1 || args[0] != "reset") {
    std::cerr << "usage: facebook-mcp fake reset [--state FILE]   (deletes the fake state file)\n";
    return 2;
  }
  if (settings.fake_state.empty()) {
    std::cerr << "facebook-mcp fake reset: no state file named; pass --state FILE or set FACEBOOK_FAKE_STATE\n";
    return 2;
  }
  auto deleted = fake::reset_world_state(settings.fake_state);
  if (!deleted) {
    std::cerr << "facebook-mcp fake reset: " << deleted.error().message << "\n  " << deleted.error().hint << "\n";
    return 1;
  }
  // The journal kept beside the state goes with it: the reseeded world hands out the same ids again, and an undo of
  // an old row would then delete or change a new object.
  const std::string journal = store::fake_journal_path(settings.fake_state);
  for (const std::string& file : {journal, journal + "-journal", journal + "-wal", journal + "-shm"}) {
    if (std::remove(file.c_str()) != 0 && errno != ENOENT) {
      std::cerr << "facebook-mcp fake reset: cannot delete " << file << "; delete it by hand\n";
      return 1;
    }
  }
  std::cout << (*deleted ? "deleted the fake state file " : "no fake state file at ") << settings.fake_state
            << (*deleted ? "" : " (nothing to delete)") << "; the next run starts from the fixtures\n";
  return 0;
}

}  // namespace

int run(int argc, char** argv) {
  std::vector<std::string> positional;
  bool fake = false;
  bool json_only = false;
  bool read_only = false;
  std::optional<std::string> state;  // --state FILE: wins over FACEBOOK_FAKE_STATE
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    if (arg == "--state" || arg.rfind("--state=", 0) == 0) {
      if (arg == "--state" && i + 1 >= argc) {
        std::cerr << "facebook-mcp: --state needs a file, e.g. --state /tmp/facebook-fake.json\n";
        return 2;
      }
      state = arg == "--state" ? std::string(argv[++i]) : arg.substr(8);
      if (state->empty()) {
        std::cerr << "facebook-mcp: --state needs a file, e.g. --state /tmp/facebook-fake.json\n";
        return 2;
      }
      continue;
    }
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
    else if (arg == "--read-only") read_only = true;
    else positional.push_back(arg);
  }
  const std::string command = positional.empty() ? "serve" : positional.front();
  const auto settings = [&] {
    auto s = core::load_settings(fake || command == "fake");
    if (state) s.fake_state = *state;
    if (read_only) s.read_only = true;
    if (command == "serve" || command == "call") use_stored_token(s);
    return s;
  };
  if (command == "serve") return serve_stdio(settings());
  if (command == "call") return call_command({positional.begin() + 1, positional.end()}, settings(), json_only);
  if (command == "fake") return fake_command({positional.begin() + 1, positional.end()}, settings());
  if (command == "fake-graph") return fake_graph_command({positional.begin() + 1, positional.end()});
  if (command == "webhooks") return webhooks_command({positional.begin() + 1, positional.end()});
  if (command == "token") return token_command({positional.begin() + 1, positional.end()}, json_only);
  if (command == "login") return login_command({positional.begin() + 1, positional.end()});
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
