// `facebook-mcp login` end to end against fake-graph (strict tokens): the dialog URL is followed by a scripted
// browser (httplib, no redirects followed on its own), the loopback callback answers, the code becomes a 60-day
// token stored encrypted, and no token value is ever printed.
#include <catch2/catch.hpp>

#include <httplib.h>

#include <nlohmann/json.hpp>

#include "support/subprocess.hpp"
#include "support/temp_dir.hpp"

using fbmcp::testing::Subprocess;
using nlohmann::json;

namespace {

struct FakeGraph {
  Subprocess process{{FBMCP_BINARY, "fake-graph", "--port", "0", "--strict-tokens"}};
  std::string url;
  FakeGraph() {
    auto first = process.read_line(20000);
    REQUIRE(first);
    REQUIRE(first->rfind("listening on http://127.0.0.1:", 0) == 0);
    url = first->substr(std::string("listening on ").size());
  }
};

// GET `url` without following redirects: {status, Location}.
std::pair<int, std::string> visit(const std::string& url) {
  const auto scheme_end = url.find("://");
  const auto path_start = url.find('/', scheme_end + 3);
  httplib::Client client(url.substr(0, path_start));
  auto response = client.Get(url.substr(path_start));
  REQUIRE(response);
  return {response->status, response->get_header_value("Location")};
}

}  // namespace

TEST_CASE("login: dialog, loopback callback, token exchange, encrypted store", "[e2e][login]") {
  FakeGraph graph;
  fbmcp::testing::TempDir data("fbmcp-login");
  const std::map<std::string, std::string> env = {{"FACEBOOK_APP_ID", "700000000000001"},
                                                  {"FACEBOOK_APP_SECRET", "fake-app-secret"},
                                                  {"FACEBOOK_GRAPH_URL", graph.url},
                                                  {"FACEBOOK_OAUTH_DIALOG_URL", graph.url + "/dialog/oauth"},
                                                  {"FACEBOOK_MCP_DATA_DIR", data.path},
                                                  {"FACEBOOK_ACCESS_TOKEN", ""}};
  std::string transcript;

  SECTION("consent: logged in and stored") {
    Subprocess login({FBMCP_BINARY, "login", "--label", "e2e", "--timeout", "60"}, env);
    auto intro = login.read_line(20000);
    auto dialog = login.read_line(20000);
    REQUIRE(intro);
    REQUIRE(dialog);
    CHECK(dialog->find("state=") != std::string::npos);
    const auto [status, callback] = visit(*dialog);
    REQUIRE(status == 302);
    REQUIRE(callback.rfind("http://127.0.0.1:", 0) == 0);
    CHECK(callback.find("code=") != std::string::npos);
    const auto [callback_status, ignored] = visit(callback);
    CHECK(callback_status == 200);
    CHECK(login.wait(30000) == 0);
    transcript = *intro + *dialog + login.drain_stdout() + login.drain_stderr();
    CHECK(transcript.find("Logged in as") != std::string::npos);
    CHECK(transcript.find("ads_management") != std::string::npos);
    CHECK(transcript.find("ad accounts: ") != std::string::npos);

    Subprocess list({FBMCP_BINARY, "token", "list", "--json"}, env);
    CHECK(list.wait(20000) == 0);
    const std::string listed = list.drain_stdout();
    transcript += listed;
    const auto tokens = json::parse(listed)["tokens"];
    REQUIRE(tokens.size() == 1);
    CHECK(tokens[0]["label"] == "e2e");
    CHECK(tokens[0].dump().find("100090000000001") != std::string::npos);  // the fixture user, from debug_token
    // The server then uses the stored token (the default) in live mode: fake-graph (strict) accepts only tokens it
    // issued, so listing the ad accounts proves it is the one login stored.
    Subprocess call({FBMCP_BINARY, "call", "list_ad_accounts", "--json"}, env);  // FACEBOOK_ACCESS_TOKEN empty
    CHECK(call.wait(30000) == 0);
    const std::string called = call.drain_stdout();
    transcript += called + call.drain_stderr();
    const auto result = json::parse(called);
    CHECK(result["mode"] == "live");
    CHECK(result["ok"] == true);
    CHECK_FALSE(result["data"]["items"].empty());
    // The emulator issues tokens starting "EAAG"; none may show anywhere.
    CHECK(transcript.find("EAAG") == std::string::npos);
  }
  SECTION("declined on the dialog: said in plain words, nothing stored") {
    Subprocess login({FBMCP_BINARY, "login", "--label", "e2e", "--timeout", "60"}, env);
    login.read_line(20000);
    auto dialog = login.read_line(20000);
    REQUIRE(dialog);
    const auto [status, callback] = visit(*dialog + "&fake_consent=deny");
    REQUIRE(status == 302);
    CHECK(callback.find("error=access_denied") != std::string::npos);
    visit(callback);
    CHECK(login.wait(30000) == 1);
    CHECK(login.drain_stderr().find("you declined") != std::string::npos);
  }
  SECTION("an answer with another state is ignored") {
    Subprocess login({FBMCP_BINARY, "login", "--label", "e2e", "--timeout", "60"}, env);
    login.read_line(20000);
    auto dialog = login.read_line(20000);
    REQUIRE(dialog);
    const auto [status, callback] = visit(*dialog);
    REQUIRE(status == 302);
    const auto state_at = callback.find("state=");
    REQUIRE(state_at != std::string::npos);
    visit(callback.substr(0, state_at) + "state=forged");
    CHECK(login.wait(30000) == 1);
    CHECK(login.drain_stderr().find("state does not match") != std::string::npos);
  }
  graph.process.close_stdin();
}
