// End to end: the built binary, spoken to over pipes as an MCP host would.
#include <catch2/catch.hpp>

#include <poll.h>
#include <pty.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <nlohmann/json.hpp>
#include <set>

#include "support/subprocess.hpp"
#include "support/temp_dir.hpp"

using fbmcp::testing::Subprocess;
using nlohmann::json;

namespace {

const std::map<std::string, std::string> kFakeEnv = {{"FACEBOOK_MODE", "fake"}, {"FACEBOOK_ACCESS_TOKEN", ""}};

json rpc(Subprocess& p, const json& id, const std::string& method, const json& params = json::object()) {
  p.write_line(json{{"jsonrpc", "2.0"}, {"id", id}, {"method", method}, {"params", params}}.dump());
  for (int i = 0; i < 50; ++i) {
    auto line = p.read_line(20000);
    REQUIRE(line);
    auto message = json::parse(*line);  // every stdout line must be JSON
    if (message.contains("id") && message["id"] == id && !message.contains("method")) return message;
  }
  FAIL("no response");
  return {};
}

}  // namespace

TEST_CASE("a host session: initialize, tools/list, tools/call, clean exit on EOF", "[e2e]") {
  Subprocess p({FBMCP_BINARY}, kFakeEnv);
  auto init = rpc(p, 0, "initialize", {{"protocolVersion", "2025-11-25"}, {"capabilities", json::object()},
                                       {"clientInfo", {{"name", "e2e"}, {"version", "1"}}}});
  CHECK(init["result"]["serverInfo"]["name"] == "facebook-mcp");
  p.write_line(R"({"jsonrpc":"2.0","method":"notifications/initialized"})");
  auto tools = rpc(p, 1, "tools/list");
  CHECK(tools["result"]["tools"][0]["name"] == "facebook");
  auto accounts = rpc(p, 2, "tools/call", {{"name", "facebook"}, {"arguments", {{"op", "list_ad_accounts"}}}});
  CHECK(accounts["result"]["structuredContent"]["mode"] == "fake");
  const std::string act = accounts["result"]["structuredContent"]["data"]["items"][0]["id"];
  auto campaigns = rpc(p, 3, "tools/call", {{"name", "facebook"},
                                            {"arguments", {{"op", "list_campaigns"}, {"args", {{"ad_account_id", act}, {"limit", 2}}}}}});
  CHECK(campaigns["result"]["isError"] == false);
  p.close_stdin();
  CHECK(p.wait(20000) == 0);
  CHECK(p.drain_stdout().empty());  // nothing but the responses we read
  CHECK(p.drain_stderr().find("FAKE MODE") != std::string::npos);
}

TEST_CASE("bad input never kills the server", "[e2e]") {
  Subprocess p({FBMCP_BINARY}, kFakeEnv);
  p.write_line("this is not json");
  auto parse_error = json::parse(*p.read_line());
  CHECK(parse_error["error"]["code"] == -32700);
  p.write_line("[]");
  CHECK(json::parse(*p.read_line())["error"]["code"] == -32600);
  CHECK(rpc(p, "x", "server/discover")["error"]["code"] == -32601);
  CHECK(rpc(p, 6, "tools/call", {{"name", "facebook"}})["error"]["code"] == -32600);  // not initialized yet
  rpc(p, 1, "initialize", {{"protocolVersion", "2025-11-25"}});
  CHECK(rpc(p, 7, "tools/call", {{"name", "unknown_tool"}})["error"]["code"] == -32602);
  CHECK(rpc(p, 8, "ping")["result"] == json::object());
  p.close_stdin();
  CHECK(p.wait() == 0);
}

TEST_CASE("a created campaign stays visible for the life of the process", "[e2e]") {
  Subprocess p({FBMCP_BINARY}, kFakeEnv);
  rpc(p, 1, "initialize", {{"protocolVersion", "2025-11-25"}});
  auto accounts = rpc(p, 2, "tools/call", {{"name", "facebook"}, {"arguments", {{"op", "list_ad_accounts"}}}});
  std::string act;
  for (const auto& a : accounts["result"]["structuredContent"]["data"]["items"]) {
    if (a["currency"] == "EUR") act = a["id"];
  }
  REQUIRE_FALSE(act.empty());
  auto created = rpc(p, 3, "tools/call", {{"name", "facebook"}, {"arguments", {{"op", "create_campaign"}, {"args",
      {{"ad_account_id", act}, {"name", "E2E Winter"}, {"objective", "OUTCOME_AWARENESS"},
       {"special_ad_categories", json::array()}, {"lifetime_budget", {{"amount", "500.00"}}},
       {"stop_time", "2027-01-31T00:00:00+0000"}}}}}});
  REQUIRE(created["result"]["isError"] == false);
  const std::string id = created["result"]["structuredContent"]["data"]["id"];
  auto listed = rpc(p, 4, "tools/call", {{"name", "facebook"}, {"arguments", {{"op", "list_campaigns"}, {"args",
      {{"ad_account_id", act}, {"name_contains", "E2E Winter"}}}}}});
  REQUIRE(listed["result"]["structuredContent"]["data"]["items"].size() == 1);
  CHECK(listed["result"]["structuredContent"]["data"]["items"][0]["id"] == id);
  CHECK(listed["result"]["structuredContent"]["data"]["items"][0]["lifetime_budget"] == "500.00");
  p.close_stdin();
  CHECK(p.wait() == 0);
}

// The seed workflow of issue 8, as an agent runs it: campaign → targeting found by search → validated → estimated →
// ad set with that targeting → read back.
TEST_CASE("create campaign, find targeting, validate and estimate it, create the ad set, get_adset: over MCP",
          "[e2e][create_adset][targeting]") {
  Subprocess p({FBMCP_BINARY}, kFakeEnv);
  rpc(p, 1, "initialize", {{"protocolVersion", "2025-11-25"}});
  auto call = [&](int id, const std::string& op, const json& args) {
    auto r = rpc(p, id, "tools/call", {{"name", "facebook"}, {"arguments", {{"op", op}, {"args", args}}}});
    INFO(op << ": " << r.dump().substr(0, 1500));
    REQUIRE(r["result"]["isError"] == false);
    return r["result"]["structuredContent"];
  };
  const std::string act = "act_1029384756102938";
  auto campaign = call(2, "create_campaign",
                       {{"ad_account_id", act}, {"name", "E2E Ad-set Budgets"},
                        {"objective", "OUTCOME_TRAFFIC"}, {"special_ad_categories", json::array()},
                        {"is_adset_budget_sharing_enabled", false}});
  const std::string campaign_id = campaign["data"]["id"];

  auto found = call(3, "search_targeting", {{"kind", "interests"}, {"query", "hiking"}});
  REQUIRE_FALSE(found["data"]["items"].empty());
  const std::string interest_id = found["data"]["items"][0]["id"];
  const std::string interest_name = found["data"]["items"][0]["name"];
  const json targeting = {{"geo_locations", {{"countries", {"US"}}}},
                          {"age_min", 25},
                          {"age_max", 45},
                          {"flexible_spec", {{{"interests", {{{"id", interest_id}, {"name", interest_name}}}}}}}};
  auto verdict = call(4, "validate_targeting", {{"ad_account_id", act}, {"targeting", targeting}});
  CHECK(verdict["summary"].get<std::string>().find(interest_name) != std::string::npos);
  auto estimate = call(5, "estimate_audience",
                       {{"ad_account_id", act}, {"targeting", targeting}, {"optimization_goal", "LINK_CLICKS"}});
  CHECK(estimate["data"]["audience"]["users_lower_bound"].get<int64_t>() > 0);
  CHECK(estimate["data"]["currency"] == "USD");

  auto adset = call(6, "create_adset",
                    {{"campaign_id", campaign_id}, {"name", "E2E – US hikers"}, {"optimization_goal", "LINK_CLICKS"},
                     {"billing_event", "IMPRESSIONS"}, {"daily_budget", {{"amount", "12.50"}}},
                     {"targeting", targeting}});
  const std::string adset_id = adset["data"]["id"];
  auto got = call(7, "get_adset", {{"adset_id", adset_id}});
  CHECK(got["data"]["adset"]["campaign_id"] == campaign_id);
  CHECK(got["data"]["adset"]["status"] == "PAUSED");  // creates default to PAUSED
  CHECK(got["data"]["adset"]["name"] == "E2E – US hikers");
  CHECK(got.dump().find("12.50") != std::string::npos);  // the budget, in dollars as given
  CHECK(got.dump().find(interest_id) != std::string::npos);  // the targeting found by search is on the ad set
  p.close_stdin();
  CHECK(p.wait() == 0);
  CHECK(p.drain_stdout().empty());
}

TEST_CASE("the CLI: --help, --version, call", "[e2e][cli]") {
  {
    Subprocess p({FBMCP_BINARY, "--version"});
    CHECK(p.wait() == 0);
    CHECK(p.drain_stdout().find("facebook-mcp ") == 0);
  }
  {
    Subprocess p({FBMCP_BINARY, "--help"});
    CHECK(p.wait() == 0);
    CHECK(p.drain_stdout().find("call <op>") != std::string::npos);
  }
  {
    Subprocess p({FBMCP_BINARY, "call", "list_ad_accounts", "{}", "--json"}, kFakeEnv);
    const int code = p.wait(20000);
    CHECK(code == 0);
    auto out = json::parse(p.drain_stdout());
    CHECK(out["ok"] == true);
  }
  {
    Subprocess p({FBMCP_BINARY, "call", "list_campaigns", "{}", "--json"}, kFakeEnv);
    CHECK(p.wait(20000) == 1);  // missing ad_account_id → tool error, exit 1
  }
}

TEST_CASE("live mode against the fake-graph command over HTTP: same answers, token never printed", "[e2e][live]") {
  Subprocess graph({FBMCP_BINARY, "fake-graph", "--port", "0", "--app-secret", "e2e-app-secret-5678"});
  auto first = graph.read_line(20000);
  REQUIRE(first);
  REQUIRE(first->rfind("listening on http://127.0.0.1:", 0) == 0);
  const std::string url = first->substr(std::string("listening on ").size());
  const std::string token = "EAAG-e2e-canary-token-ffff0000";
  char store_dir[] = "/tmp/fbmcp-e2e-XXXXXX";
  REQUIRE(::mkdtemp(store_dir));
  Subprocess server({FBMCP_BINARY}, {{"FACEBOOK_MODE", "live"}, {"FACEBOOK_GRAPH_URL", url},
                                     {"FACEBOOK_ACCESS_TOKEN", token}, {"FACEBOOK_APP_SECRET", "e2e-app-secret-5678"},
                                     {"FACEBOOK_MCP_DATA_DIR", store_dir}});
  std::string transcript;
  auto send = [&](const json& id, const std::string& method, const json& params) {
    auto reply = rpc(server, id, method, params);
    transcript += reply.dump();
    return reply;
  };
  auto init = send(1, "initialize", {{"protocolVersion", "2025-11-25"}});
  CHECK(init["result"]["instructions"].get<std::string>().find("LIVE MODE") != std::string::npos);
  auto listed = send(2, "tools/call", {{"name", "facebook"}, {"arguments", {{"op", "list_campaigns"},
      {"args", {{"ad_account_id", "act_1029384756102938"}, {"limit", 3}}}}}});
  CHECK(listed["result"]["isError"] == false);
  CHECK(listed["result"]["structuredContent"]["mode"] == "live");
  CHECK(listed["result"]["structuredContent"]["data"]["items"].size() == 3);
  auto missing = send(3, "tools/call", {{"name", "facebook"}, {"arguments", {{"op", "get_campaign"},
      {"args", {{"campaign_id", "120299999999999999"}}}}}});
  CHECK(missing["result"]["structuredContent"]["error"]["kind"] == "NotFound");
  server.close_stdin();
  CHECK(server.wait(20000) == 0);
  transcript += server.drain_stdout() + server.drain_stderr();
  CHECK(transcript.find(token) == std::string::npos);
  CHECK(transcript.find("e2e-app-secret-5678") == std::string::npos);
  std::filesystem::remove_all(store_dir);
}

TEST_CASE("EOF during a slow call: the server cancels, finishes what was sent, and exits promptly", "[e2e][live]") {
  // Each Graph answer takes 3 s; a list needs one request. Before, EOF waited 2 × 20 s for such calls.
  Subprocess graph({FBMCP_BINARY, "fake-graph", "--port", "0", "--latency-ms", "3000"});
  auto first = graph.read_line(20000);
  REQUIRE(first);
  const std::string url = first->substr(std::string("listening on ").size());
  char store_dir[] = "/tmp/fbmcp-e2e-XXXXXX";
  REQUIRE(::mkdtemp(store_dir));
  Subprocess server({FBMCP_BINARY}, {{"FACEBOOK_MODE", "live"}, {"FACEBOOK_GRAPH_URL", url},
                                     {"FACEBOOK_ACCESS_TOKEN", "EAAG-e2e-token-eof"},
                                     {"FACEBOOK_MCP_DATA_DIR", store_dir}});
  rpc(server, 1, "initialize", {{"protocolVersion", "2025-11-25"}});
  server.write_line(json{{"jsonrpc", "2.0"}, {"id", 2}, {"method", "tools/call"},
                         {"params", {{"name", "facebook"}, {"arguments", {{"op", "list_ad_accounts"}}},
                                     {"_meta", {{"progressToken", "p"}}}}}}.dump());
  // The router reports "running <op>" just before the handler sends its Graph request: close stdin after that.
  bool running = false;
  for (int i = 0; i < 10 && !running; ++i) {
    auto line = server.read_line(20000);
    REQUIRE(line);
    running = line->find("running list_ad_accounts") != std::string::npos;
  }
  REQUIRE(running);
  const auto closed_at = std::chrono::steady_clock::now();
  server.close_stdin();
  // Bounded by the shutdown grace (5 s) plus start-up: well inside this limit, far below the old 40 s.
  CHECK(server.wait(15000) == 0);
  // It waited for the Graph answer in flight (3 s) rather than dropping it.
  CHECK(std::chrono::steady_clock::now() - closed_at >= std::chrono::milliseconds(2000));
  std::filesystem::remove_all(store_dir);
}

TEST_CASE("a line over the size cap is refused unread; the server goes on", "[e2e][hostile]") {
  Subprocess p({FBMCP_BINARY}, kFakeEnv);
  rpc(p, 1, "initialize", {{"protocolVersion", "2025-11-25"}});
  p.write_line(std::string(17 * 1024 * 1024, ' ') + "x");
  auto refused = json::parse(*p.read_line(20000));
  CHECK(refused["error"]["code"] == -32600);
  CHECK(refused["error"]["message"].get<std::string>().find("bytes this server accepts") != std::string::npos);
  CHECK(rpc(p, 2, "ping")["result"] == json::object());
  p.close_stdin();
  CHECK(p.wait() == 0);
}

TEST_CASE("a host that stops reading does not kill the server with SIGPIPE", "[e2e][hostile]") {
  Subprocess p({FBMCP_BINARY}, kFakeEnv);
  rpc(p, 1, "initialize", {{"protocolVersion", "2025-11-25"}});
  p.close_stdout();
  for (int i = 0; i < 20; ++i) p.write_line(R"({"jsonrpc":"2.0","id":3,"method":"tools/list"})");
  p.close_stdin();
  CHECK(p.wait() == 0);  // not 128 + SIGPIPE
}

namespace {

// The first string under any "id" key that looks like an id the emulator hands out to new objects.
std::string find_new_id(const json& value) {
  if (value.is_object()) {
    for (const auto& [key, item] : value.items()) {
      if (key == "id" && item.is_string() && item.get<std::string>().rfind("120219", 0) == 0) return item;
      if (auto found = find_new_id(item); !found.empty()) return found;
    }
  } else if (value.is_array()) {
    for (const auto& item : value) {
      if (auto found = find_new_id(item); !found.empty()) return found;
    }
  }
  return {};
}

}  // namespace

TEST_CASE("call with --state keeps the fake world across calls; fake reset starts over", "[e2e][cli][state]") {
  char dir[] = "/tmp/fbmcp-e2e-state-XXXXXX";
  REQUIRE(::mkdtemp(dir));
  const std::string state = std::string(dir) + "/world.json";
  const json create_args = {{"ad_account_id", "act_1029384756102938"}, {"name", "E2E Kept Across Calls"},
                            {"objective", "OUTCOME_TRAFFIC"}, {"special_ad_categories", json::array()},
                            {"daily_budget", {{"amount", "20.00"}}}};
  std::string id;
  {
    Subprocess p({FBMCP_BINARY, "call", "create_campaign", create_args.dump(), "--state", state, "--json"}, kFakeEnv);
    CHECK(p.wait(20000) == 0);
    const auto out = json::parse(p.drain_stdout());  // stdout is the result alone: progress went to stderr
    id = find_new_id(out);
    REQUIRE_FALSE(id.empty());
    // Not a terminal here, so each step is a line of its own.
    CHECK(p.drain_stderr().find("facebook-mcp: creating campaign in act_1029384756102938\n") != std::string::npos);
  }
  REQUIRE(std::filesystem::exists(state));
  CHECK((std::filesystem::status(state).permissions() & std::filesystem::perms::all) ==
        (std::filesystem::perms::owner_read | std::filesystem::perms::owner_write));
  const json get_args = {{"campaign_id", id}};
  {
    Subprocess p({FBMCP_BINARY, "call", "get_campaign", get_args.dump(), "--state", state, "--json"}, kFakeEnv);
    CHECK(p.wait(20000) == 0);
    const auto out = p.drain_stdout();
    CHECK(out.find("E2E Kept Across Calls") != std::string::npos);
  }
  {
    auto env = kFakeEnv;
    env["FACEBOOK_FAKE_STATE"] = state;  // the environment names the file as well as --state does
    Subprocess p({FBMCP_BINARY, "fake", "reset"}, env);
    CHECK(p.wait(20000) == 0);
    CHECK(p.drain_stdout().find("deleted the fake state file " + state) != std::string::npos);
  }
  CHECK_FALSE(std::filesystem::exists(state));
  {
    Subprocess p({FBMCP_BINARY, "call", "get_campaign", get_args.dump(), "--state", state, "--json"}, kFakeEnv);
    CHECK(p.wait(20000) == 1);
    CHECK(p.drain_stdout().find("NotFound") != std::string::npos);
  }
  {
    std::ofstream(state) << "{\"not\": \"ours\"}";
    Subprocess p({FBMCP_BINARY, "call", "list_ad_accounts", "{}", "--state", state}, kFakeEnv);
    CHECK(p.wait(20000) == 1);
    const auto err = p.drain_stderr();
    CHECK(err.find(state) != std::string::npos);
    CHECK(err.find("fake reset") != std::string::npos);
    CHECK(p.drain_stdout().empty());
  }
  std::error_code ignored;
  std::filesystem::remove_all(dir, ignored);
}

TEST_CASE("a host that reads only structuredContent gets self-sufficient answers within budget", "[e2e][contract]") {
  // Claude Code hands the model JSON.stringify(structuredContent) and drops the text block: every answer must say
  // on its own what happened and what to call next, within FACEBOOK_MAX_RESULT_CHARS.
  constexpr size_t kBudget = 3000;
  auto env = kFakeEnv;
  env["FACEBOOK_MAX_RESULT_CHARS"] = std::to_string(kBudget);
  Subprocess p({FBMCP_BINARY}, env);
  rpc(p, 1, "initialize", {{"protocolVersion", "2025-11-25"}});
  int id = 2;
  auto structured = [&](const std::string& op, const json& args) {
    auto reply = rpc(p, id++, "tools/call", {{"name", "facebook"}, {"arguments", {{"op", op}, {"args", args}}}});
    const json sc = reply["result"]["structuredContent"];
    CHECK(sc.dump().size() <= kBudget);
    return sc;
  };
  // A list: cut at a row, with the cursor and a next step; following `next` alone walks the whole list.
  json args = {{"ad_account_id", "act_1029384756102938"}, {"limit", 500}};
  std::set<std::string> seen;
  for (int page = 0; page < 20; ++page) {
    const auto sc = structured("list_campaigns", args);
    REQUIRE(sc["ok"] == true);
    CHECK_FALSE(sc["summary"].get<std::string>().empty());
    for (const auto& row : sc["data"]["items"]) CHECK(seen.insert(row["id"].get<std::string>()).second);
    if (!sc.contains("next")) break;
    for (const auto& [key, value] : sc["next"]["args"].items()) args[key] = value;
  }
  CHECK(seen.size() >= 6);
  // A spend: the preview says the user must be asked and carries what to send after they agree.
  const auto preview = structured("resume_campaign", {{"campaign_id", "120210000000000006"}});
  CHECK(preview["needs_confirmation"] == true);
  CHECK_FALSE(preview["next"]["ask_user"].get<std::string>().empty());
  json confirmed_args = {{"campaign_id", "120210000000000006"}};
  for (const auto& [key, value] : preview["next"]["args"].items()) confirmed_args[key] = value;
  const auto done = structured("resume_campaign", confirmed_args);
  CHECK(done["ok"] == true);
  CHECK(done["data"]["campaign"]["status"] == "ACTIVE");
  // An error: what went wrong, where, and what to do.
  const auto error = structured("get_campaign", {{"campaign_id", "not-a-number"}});
  CHECK(error["ok"] == false);
  CHECK(error["error"]["path"] == "args.campaign_id");
  CHECK_FALSE(error["error"]["hint"].get<std::string>().empty());
  p.close_stdin();
  CHECK(p.wait() == 0);
}

// The person at a terminal is the user: `call` asks them there; without a terminal it only previews.
TEST_CASE("call asks [y/N] on a terminal before a spend, and only previews without one", "[e2e][cli][spend]") {
  const std::string args = R"({"campaign_id":"120210000000000014"})";
  {
    Subprocess piped({FBMCP_BINARY, "call", "resume_campaign", args, "--json"}, kFakeEnv);
    piped.close_stdin();
    std::string out;
    while (auto line = piped.read_line(20000)) out += *line + "\n";
    CHECK(piped.wait() == 0);  // a preview is an answer, not an error
    CHECK(json::parse(out)["needs_confirmation"] == true);
    CHECK(json::parse(out)["ok"] == false);
  }
  for (const char* answer : {"n\n", "y\n"}) {
    int terminal = -1;
    const pid_t pid = forkpty(&terminal, nullptr, nullptr, nullptr);
    REQUIRE(pid >= 0);
    if (pid == 0) {
      // Child: stdin/stderr are the terminal; stdout too (forkpty), which is read below as text.
      ::setenv("FACEBOOK_MODE", "fake", 1);
      ::setenv("FACEBOOK_ACCESS_TOKEN", "", 1);
      ::execl(FBMCP_BINARY, FBMCP_BINARY, "call", "resume_campaign", args.c_str(), "--json", nullptr);
      ::_exit(127);
    }
    std::string seen;
    bool answered = false;
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(20);
    while (std::chrono::steady_clock::now() < deadline) {
      pollfd ready{terminal, POLLIN, 0};
      if (::poll(&ready, 1, 200) <= 0) continue;
      char chunk[512];
      const ssize_t n = ::read(terminal, chunk, sizeof chunk);
      if (n <= 0) break;  // the child closed the terminal: it has exited
      seen.append(chunk, static_cast<size_t>(n));
      if (!answered && seen.find("[y/N]") != std::string::npos) {
        REQUIRE(::write(terminal, answer, 2) == 2);
        answered = true;
      }
    }
    int status = 0;
    ::waitpid(pid, &status, 0);
    ::close(terminal);
    INFO(seen);
    CHECK(answered);
    if (answer[0] == 'y') {
      CHECK(WEXITSTATUS(status) == 0);
      CHECK(seen.find("PAUSED → ACTIVE") != std::string::npos);
    } else {
      CHECK(seen.find("\"declined\"") != std::string::npos);
      CHECK(seen.find("PAUSED → ACTIVE") == std::string::npos);
    }
  }
}

TEST_CASE("the token CLI: add from stdin, list, rotate-key, remove; the canary never shows", "[e2e][cli][token_store]") {
  const fbmcp::testing::TempDir dir("fbmcp-token-e2e");
  const std::string data = dir.file("data");
  const std::map<std::string, std::string> env = {{"FACEBOOK_MCP_DATA_DIR", data}, {"FACEBOOK_MCP_KEY", ""},
                                                  {"FACEBOOK_ACCESS_TOKEN", ""}};
  const std::string canary = "EAAG-canary-e2e-7f3c9a1b5d";
  std::string outputs;  // everything the commands printed, to scan for the canary
  auto run = [&](const std::vector<std::string>& args, const std::string& input = {}) {
    std::vector<std::string> argv = {FBMCP_BINARY};
    argv.insert(argv.end(), args.begin(), args.end());
    Subprocess p(argv, env);
    if (!input.empty()) p.write_line(input);
    p.close_stdin();
    const int code = p.wait(20000);
    const std::string out = p.drain_stdout();
    outputs += out + p.drain_stderr();
    return std::pair{code, out};
  };

  CHECK(run({"token", "add", "--label", "work", canary}).first == 2);  // a token in argv is refused
  CHECK(run({"token", "add", "--label", "work"}, "   ").first == 2);    // empty stdin is refused
  CHECK(run({"token", "add", "--label", "work"}, "EAAG-one EAAG-two").first == 2);  // one token per add
  CHECK(run({"token", "add", "--label", "work"}, "  " + canary + "  ").first == 0);
  CHECK(run({"token", "add", "--label", "spare"}, "EAAG-spare-token-123").first == 0);
  CHECK(::access((data + "/store.key").c_str(), F_OK) == 0);

  auto [list_code, table] = run({"token", "list"});
  CHECK(list_code == 0);
  CHECK(table.find("work") != std::string::npos);
  CHECK(table.find("LABEL") != std::string::npos);
  auto [json_code, listed] = run({"token", "list", "--json"});
  REQUIRE(json_code == 0);
  const auto parsed = json::parse(listed);
  CHECK(parsed["tokens"].size() == 2);
  CHECK(parsed["key_matches"] == true);

  const std::string key_before = [&] {
    std::ifstream in(data + "/store.key", std::ios::binary);
    return std::string(std::istreambuf_iterator<char>(in), {});
  }();
  CHECK(run({"token", "rotate-key"}).first == 0);
  const std::string key_after = [&] {
    std::ifstream in(data + "/store.key", std::ios::binary);
    return std::string(std::istreambuf_iterator<char>(in), {});
  }();
  CHECK(key_after.size() == 32);
  CHECK(key_after != key_before);
  CHECK(json::parse(run({"token", "list", "--json"}).second)["key_matches"] == true);

  // A key from the environment: rotate-key explains how instead of inventing a key it would have to print.
  {
    Subprocess p({FBMCP_BINARY, "token", "rotate-key"},
                 {{"FACEBOOK_MCP_DATA_DIR", data}, {"FACEBOOK_MCP_KEY", "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA="}});
    p.close_stdin();
    CHECK(p.wait(20000) == 2);
    const std::string err = p.drain_stderr();
    CHECK(err.find("FACEBOOK_MCP_NEW_KEY") != std::string::npos);
    outputs += err;
  }

  CHECK(run({"token", "remove", "--label", "spare"}).first == 0);
  CHECK(run({"token", "remove", "--label", "spare"}).first == 1);

  CHECK(outputs.find("canary") == std::string::npos);
  size_t scanned = 0;
  for (const auto& entry : std::filesystem::recursive_directory_iterator(dir.path)) {
    if (!entry.is_regular_file()) continue;
    ++scanned;
    std::ifstream in(entry.path(), std::ios::binary);
    const std::string content(std::istreambuf_iterator<char>(in), {});
    INFO(entry.path());
    CHECK(content.find("EAAG-canary") == std::string::npos);
  }
  CHECK(scanned >= 2);
}

TEST_CASE("upload_video reports progress per chunk over MCP", "[e2e][upload_video]") {
  fbmcp::testing::TempDir dir("fbmcp-e2e-video");
  const std::string path = dir.file("spot_30s.mp4");
  {
    // A 30 MiB MP4 that takes no disk: the ftyp box, then a hole. Above 20 MB, so it goes in resumable chunks.
    std::ofstream out(path, std::ios::binary);
    const char ftyp[] = {0, 0, 0, 24, 'f', 't', 'y', 'p', 'i', 's', 'o', 'm', 0, 0, 2, 0, 'i', 's', 'o', 'm', 'm', 'p', '4', '1'};
    out.write(ftyp, sizeof ftyp);
  }
  std::filesystem::resize_file(path, 30u * 1024 * 1024);
  Subprocess p({FBMCP_BINARY}, kFakeEnv);
  rpc(p, 1, "initialize", {{"protocolVersion", "2025-11-25"}});
  p.write_line(json{{"jsonrpc", "2.0"}, {"id", 2}, {"method", "tools/call"},
                    {"params", {{"name", "facebook"},
                                {"arguments", {{"op", "upload_video"},
                                               {"args", {{"ad_account_id", "act_1029384756102938"}, {"file_path", path}}}}},
                                {"_meta", {{"progressToken", "up"}}}}}}
                   .dump());
  int chunk_notes = 0;
  json result;
  for (int i = 0; i < 40 && result.is_null(); ++i) {
    auto line = p.read_line(20000);
    REQUIRE(line);
    const auto message = json::parse(*line);
    if (message.value("method", "") == "notifications/progress") {
      CHECK(message["params"]["progressToken"] == "up");
      if (message["params"].value("message", "").find("uploading video:") != std::string::npos) ++chunk_notes;
    } else if (message.contains("id") && message["id"] == 2) {
      result = message["result"];
    }
  }
  REQUIRE_FALSE(result.is_null());
  CHECK(result["isError"] == false);
  CHECK(result["structuredContent"]["data"]["upload"]["method"] == "resumable");
  // 0% before the first chunk, then one per chunk: 30 MiB in the emulator's 4 MiB chunks is 8.
  CHECK(chunk_notes >= 9);
  p.close_stdin();
  CHECK(p.wait() == 0);
}
