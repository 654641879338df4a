// Pages and Instagram (issue 13) end to end over HTTP (live client against FakeGraphServer): list_pages across
// several stored tokens when one is refused with 190 (skipped, marked) or throttled (skipped, never marked); client
// page links kept on disk across a restart with the page token sealed (never in the file, a result or a log line);
// instagram_profile's 5-minute cache shown by the requests the fake server served; data deletion removes a user's
// links.
#include <catch2/catch.hpp>

#include <httplib.h>

#include <filesystem>
#include <fstream>

#include "app/user_token_removal.hpp"
#include "core/log.hpp"
#include "core/redact.hpp"
#include "graph/form_encoding.hpp"
#include "support/fake_services.hpp"

using nlohmann::json;
namespace testing = fbmcp::testing;

namespace {

json pages_data(const fbmcp::tool::ToolResult& result) { return result.structured.value("data", json::object()); }

// Logs in through the emulator's dialog over HTTP as `user` (fake_user) and stores the token under `label`.
void login_as(fbmcp::app::Services& services, const std::string& label, const std::string& user) {
  auto url = testing::call(services, "login_url", {{"label", label}});
  REQUIRE_FALSE(url.is_error);
  std::string dialog = pages_data(url)["url"];
  if (!user.empty()) dialog += "&fake_user=" + user;
  const auto path_start = dialog.find('/', dialog.find("://") + 3);
  httplib::Client client(dialog.substr(0, path_start));
  auto response = client.Get(dialog.substr(path_start));
  REQUIRE(response);
  REQUIRE(response->status == 302);
  const auto location = response->get_header_value("Location");
  const auto query = fbmcp::graph::form_decode(location.substr(location.find('?') + 1));
  auto exchanged = testing::call(services, "exchange_code", {{"code", query.at("code")}, {"state", query.at("state")}});
  INFO(exchanged.text);
  REQUIRE_FALSE(exchanged.is_error);
}

std::string read_file_bytes(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), {});
}

std::vector<std::string> page_ids(const json& data) {
  std::vector<std::string> ids;
  for (const auto& row : data["items"]) ids.push_back(row["page_id"]);
  return ids;
}

}  // namespace

TEST_CASE("list_pages walks every stored token: a refused one is skipped and marked, the others' pages listed",
          "[list_pages][http]") {
  auto world = testing::http_world({.oauth_app = true});
  auto& services = *world->services;
  login_as(services, "dana", "");
  login_as(services, "ravi", "100090000000002");

  auto both = testing::call(services, "list_pages");
  INFO(both.text);
  REQUIRE_FALSE(both.is_error);
  // Dana's five pages (also reached by the server's own token, which stands for her) and Ravi's one.
  CHECK(pages_data(both)["count"] == 6);
  const auto ids = page_ids(pages_data(both));
  CHECK(std::find(ids.begin(), ids.end(), "104857600000006") != ids.end());
  CHECK_FALSE(both.structured.contains("warnings"));

  SECTION("a token Graph refuses with 190 is skipped with a warning and marked in the store") {
    auto opened = services.tokens->store(false);
    REQUIRE(opened);
    REQUIRE(*opened);
    REQUIRE((*opened)->put("stale", "EAAG-stale-token-not-issued-0123456789", {}));
    world->emulator->require_known_tokens(true);  // the stale token and the server's canary are now refused
    auto listed = testing::call(services, "list_pages");
    INFO(listed.text);
    REQUIRE_FALSE(listed.is_error);
    const auto data = pages_data(listed);
    CHECK(data["count"] == 6);  // dana's and ravi's tokens still list all six pages
    const auto warnings = listed.structured["warnings"].dump();
    CHECK(warnings.find("token 'stale' skipped: Graph error 190") != std::string::npos);
    CHECK(warnings.find("marked invalid") != std::string::npos);
    CHECK(warnings.find("token 'server' skipped") != std::string::npos);  // the environment's token is not stored
    for (const auto& row : pages_data(testing::call(services, "list_tokens"))["items"]) {
      CHECK(row["status"] == (row["label"] == "stale" ? "invalid" : "active"));
    }
    // Marked tokens are not asked again: skipped with a warning saying why.
    auto again = testing::call(services, "list_pages");
    CHECK(again.structured["warnings"].dump().find("token 'stale' is invalid: skipped") != std::string::npos);
  }

  SECTION("a throttle skips the token for this call but never marks it") {
    const json throttle = {{"kind", "graph_error"}, {"code", 17}, {"path", "me/accounts"}, {"count", 10},
                           {"regain_minutes", 30}};
    world->server->faults().add(fbmcp::fake::parse_fault(throttle).value());
    auto listed = testing::call(services, "list_pages");
    INFO(listed.text);
    REQUIRE_FALSE(listed.is_error);
    CHECK(listed.structured["warnings"].dump().find("Graph error 17") != std::string::npos);
    for (const auto& row : pages_data(testing::call(services, "list_tokens"))["items"]) CHECK(row["status"] == "active");
  }
}

TEST_CASE("client page links survive a restart, the page token is sealed, data deletion removes them",
          "[link_client_page][http]") {
  auto world = testing::http_world();
  std::string transcript;
  fbmcp::core::set_log_sink([&](fbmcp::core::LogLevel, std::string_view logger, std::string_view message) {
    transcript += std::string(logger) + ": " + std::string(message) + "\n";
  });
  auto linked = testing::call(*world->services, "link_client_page",
                              {{"client_id", "northwind"}, {"page_id", "104857600000001"}});
  INFO(linked.text);
  REQUIRE_FALSE(linked.is_error);
  CHECK(pages_data(linked)["created"] == true);
  CHECK(pages_data(linked)["instagram_business_account_id"] == "17841400000000001");
  transcript += linked.structured.dump() + linked.text;

  auto pages = world->services->tokens->client_pages();
  REQUIRE(pages);
  const auto page_token = (*pages)->page_token("northwind", "104857600000001");
  REQUIRE(page_token);
  CHECK(page_token->rfind("EAAPage104857600000001", 0) == 0);

  // A new server process on the same data dir: the link (and its page token) is still there and usable.
  world->services.reset();
  fbmcp::core::Settings live;
  live.mode = fbmcp::core::Mode::Live;
  live.graph_url = world->server->base_url();
  live.access_token = testing::kCanaryToken;
  live.data_dir = world->data_dir;
  auto restarted = fbmcp::app::make_services(live);
  REQUIRE(restarted);
  auto& services = **restarted;
  auto listed = testing::call(services, "list_client_pages");
  transcript += listed.structured.dump() + listed.text;
  REQUIRE(pages_data(listed)["count"] == 1);
  CHECK(pages_data(listed)["items"][0]["page_id"] == "104857600000001");
  auto posts = testing::call(services, "list_page_posts", {{"client_id", "northwind"}, {"limit", 2}});
  transcript += posts.structured.dump() + posts.text;
  INFO(posts.text);
  REQUIRE_FALSE(posts.is_error);
  CHECK(pages_data(posts)["items"][0]["object_story_id"].get<std::string>().rfind("104857600000001_", 0) == 0);
  auto profile = testing::call(services, "instagram_profile", {{"client_id", "northwind"}});
  transcript += profile.structured.dump() + profile.text;
  CHECK(pages_data(profile)["profile"]["username"] == "northwind.outfitters");

  // The page token is nowhere in plain text: not in the database files, not in a result, not in a log line.
  const auto db = read_file_bytes(std::filesystem::path(world->data_dir) / "client_pages.db");
  CHECK(db.find("CREATE TABLE client_pages") != std::string::npos);  // the file was read
  CHECK(db.find("104857600000001") != std::string::npos);            // and holds the link
  for (const auto& entry : std::filesystem::directory_iterator(world->data_dir)) {
    INFO(entry.path().string());
    CHECK(read_file_bytes(entry.path()).find(*page_token) == std::string::npos);
  }
  CHECK(transcript.find(*page_token) == std::string::npos);
  CHECK(transcript.find("EAAPage") == std::string::npos);
  fbmcp::core::set_log_sink(nullptr);

  // The data-deletion callback for the user whose token made the link (the fixture user the canary stands for).
  auto removed = fbmcp::app::remove_user_tokens(world->data_dir, "100090000000001");
  REQUIRE(removed);
  CHECK(pages_data(testing::call(services, "list_client_pages"))["count"] == 0);
}

TEST_CASE("instagram_profile is cached 5 minutes per account; fresh asks Meta again (requests at the server)",
          "[instagram_profile][http]") {
  auto world = testing::http_world();
  auto& services = *world->services;
  const json args = {{"ig_user_id", "17841400000000002"}, {"media_limit", 3}};
  const size_t start = world->emulator->requests_served();
  auto first = testing::call(services, "instagram_profile", args);
  REQUIRE_FALSE(first.is_error);
  CHECK(pages_data(first)["cache"]["hit"] == false);
  const size_t after_first = world->emulator->requests_served();
  CHECK(after_first - start == 2);  // the IG user and its media

  auto second = testing::call(services, "instagram_profile", args);
  REQUIRE_FALSE(second.is_error);
  CHECK(pages_data(second)["cache"]["hit"] == true);
  CHECK(second.structured["warnings"].dump().find("fresh: true") != std::string::npos);
  CHECK(world->emulator->requests_served() == after_first);  // nothing asked
  CHECK(pages_data(second)["profile"] == pages_data(first)["profile"]);

  json fresh_args = args;
  fresh_args["fresh"] = true;
  auto fresh = testing::call(services, "instagram_profile", fresh_args);
  REQUIRE_FALSE(fresh.is_error);
  CHECK(pages_data(fresh)["cache"]["hit"] == false);
  CHECK(world->emulator->requests_served() - after_first == 2);

  // Another account is another entry.
  auto other = testing::call(services, "instagram_profile", {{"ig_user_id", "17841400000000001"}, {"media_limit", 3}});
  CHECK(pages_data(other)["cache"]["hit"] == false);
}

TEST_CASE("the emulator's page tokens: distinct per user token, accepted only on their own page", "[list_pages]") {
  auto services = testing::fake_services();
  auto& emulator = *services->emulator;
  auto read = [&](const std::string& path, const std::string& token, const std::string& fields) {
    auto response = emulator.handle("GET", path, {{"access_token", token}, {"fields", fields}});
    return std::make_pair(response.status, json::parse(response.body));
  };
  auto [status_a, accounts_a] = read("me/accounts", "user-token-a", "id,access_token");
  auto [status_b, accounts_b] = read("me/accounts", "user-token-b", "id,access_token");
  REQUIRE(status_a == 200);
  REQUIRE(accounts_a["data"].size() == 5);
  const std::string token = accounts_a["data"][0]["access_token"];
  CHECK(token != accounts_a["data"][1]["access_token"].get<std::string>());
  CHECK(token != accounts_b["data"][0]["access_token"].get<std::string>());
  const std::string own_page = accounts_a["data"][0]["id"];
  const std::string other_page = accounts_a["data"][1]["id"];
  CHECK(read(own_page, token, "id,name").first == 200);
  CHECK(read(own_page + "/published_posts", token, "id").first == 200);
  auto [refused_status, refused] = read(other_page, token, "id,name");
  CHECK(refused_status == 400);
  CHECK(refused["error"]["code"] == 100);
  CHECK(refused["error"]["error_subcode"] == 33);
}
