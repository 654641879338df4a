// The auth ops (issue 12) end to end: login_url → the emulator's dialog → exchange_code → the stored token used by
// other ops through args.token and use_token → verify_token, extend_token, auth_status, list_tokens → disconnect.
// Over HTTP (live client against FakeGraphServer) and in fake mode (in-process emulator). Also: a Graph 190 on a
// stored token marks it, a throttle does not, and no token value ever appears in any result.
#include <catch2/catch.hpp>

#include <httplib.h>

#include <ctime>
#include <filesystem>
#include <fstream>

#include "auth/token_health.hpp"
#include "store/token_store.hpp"
#include "core/log.hpp"
#include "graph/form_encoding.hpp"
#include "support/fake_services.hpp"

using nlohmann::json;
namespace testing = fbmcp::testing;

namespace {

// Every result of a test, so the secrets check can read them all at the end.
struct Transcript {
  std::string all;
  fbmcp::tool::ToolResult call(fbmcp::app::Services& services, const std::string& op,
                               const json& args = json::object()) {
    auto result = testing::call(services, op, args);
    all += result.structured.dump() + "\n" + result.text + "\n";
    return result;
  }
  fbmcp::tool::ToolResult confirmed(fbmcp::app::Services& services, const std::string& op, const json& args) {
    auto result = testing::call_confirmed(services, op, args);
    all += result.structured.dump() + "\n" + result.text + "\n";
    return result;
  }
};

std::map<std::string, std::string> query_of(const std::string& url) {
  const auto question = url.find('?');
  return question == std::string::npos ? std::map<std::string, std::string>{}
                                        : fbmcp::graph::form_decode(url.substr(question + 1));
}

// The browser's part over HTTP: GET the dialog URL without following the redirect, read code and state from it.
std::map<std::string, std::string> follow_dialog_over_http(const std::string& url) {
  const auto path_start = url.find('/', url.find("://") + 3);
  httplib::Client client(url.substr(0, path_start));
  auto response = client.Get(url.substr(path_start));
  REQUIRE(response);
  REQUIRE(response->status == 302);
  return query_of(response->get_header_value("Location"));
}

// The same in fake mode: the in-process emulator answers the dialog's parameters.
std::map<std::string, std::string> follow_dialog_in_process(fbmcp::fake::GraphEmulator& emulator,
                                                             const std::string& url) {
  fbmcp::fake::ParamMap params;
  for (const auto& [key, value] : query_of(url)) params[key] = value;
  auto redirect = emulator.oauth_dialog(params);
  REQUIRE(redirect);
  return query_of(*redirect);
}

json data_of(const fbmcp::tool::ToolResult& result) { return result.structured.value("data", json::object()); }

}  // namespace

TEST_CASE("auth ops over HTTP: login, act as stored tokens, verify, extend, status, disconnect", "[auth][http]") {
  auto world = testing::http_world({.oauth_app = true});
  auto& services = *world->services;
  Transcript t;
  // Log lines (the same text stderr and MCP notifications/message get) join the transcript the secrets check reads.
  fbmcp::core::set_log_sink([&t](fbmcp::core::LogLevel, std::string_view logger, std::string_view message) {
    t.all += std::string(logger) + ": " + std::string(message) + "\n";
  });

  auto login = [&](const json& args) {
    auto url = t.call(services, "login_url", args);
    INFO(url.text);
    REQUIRE_FALSE(url.is_error);
    const std::string state = data_of(url)["state"];
    CHECK(state.size() == 32);
    auto redirect = follow_dialog_over_http(data_of(url)["url"]);
    CHECK(redirect["state"] == state);
    return t.call(services, "exchange_code", {{"code", redirect["code"]}, {"state", state}});
  };

  auto first = login({{"label", "main"}});
  INFO(first.text);
  REQUIRE_FALSE(first.is_error);
  CHECK(data_of(first)["label"] == "main");
  CHECK(data_of(first)["valid"] == true);
  CHECK(data_of(first)["user_id"] != "");
  CHECK(data_of(first)["days_left"].get<int64_t>() > 50);
  std::vector<std::string> secrets = {testing::kCanaryToken, world->emulator->oauth_app().secret,
                                      services.tokens->token_value("main").value()};

  SECTION("a state is good once") {
    auto url = t.call(services, "login_url");
    const std::string state = data_of(url)["state"];
    auto redirect = follow_dialog_over_http(data_of(url)["url"]);
    REQUIRE_FALSE(t.call(services, "exchange_code", {{"code", redirect["code"]}, {"state", state}}).is_error);
    auto again = t.call(services, "exchange_code", {{"code", redirect["code"]}, {"state", state}});
    CHECK(again.is_error);
    CHECK(again.structured["error"]["path"] == "args.state");
  }

  SECTION("stored tokens act for any op; scopes decide what auth_status allows") {
    auto reader = login({{"label", "reader"}, {"scopes", {"ads_read"}}});
    REQUIRE_FALSE(reader.is_error);
    auto accounts = t.call(services, "list_ad_accounts", {{"token", "reader"}});
    INFO(accounts.text);
    CHECK_FALSE(accounts.is_error);

    auto status = t.call(services, "auth_status", {{"token", "reader"}});
    INFO(status.text);
    REQUIRE_FALSE(status.is_error);
    CHECK(data_of(status)["source"] == "stored");
    CHECK(data_of(status)["label"] == "reader");
    const auto blocked = data_of(status)["ops_not_allowed"].dump();
    CHECK(blocked.find("\"create_campaign\"") != std::string::npos);
    CHECK(blocked.find("\"list_campaigns\"") == std::string::npos);
    CHECK(data_of(t.call(services, "auth_status", {{"token", "main"}}))["ops_not_allowed"].empty());

    // The process token (the environment's canary, unknown to the emulator) is what a call without a label uses.
    CHECK(data_of(t.call(services, "auth_status"))["source"] == "environment");
    auto use = t.call(services, "use_token", {{"label", "reader"}});
    REQUIRE_FALSE(use.is_error);
    CHECK(data_of(t.call(services, "auth_status"))["label"] == "reader");
    CHECK(data_of(t.call(services, "auth_status", {{"token", "main"}}))["label"] == "main");  // one call's own wins

    auto listed = t.call(services, "list_tokens");
    REQUIRE(data_of(listed)["count"] == 2);
    for (const auto& row : data_of(listed)["items"]) {
      CHECK(row["status"] == "active");
      CHECK(row["in_use"] == (row["label"] == "reader"));
    }
  }

  SECTION("a second person's token sees their own ad accounts") {
    auto url = t.call(services, "login_url", {{"label", "ravi"}});
    const std::string state = data_of(url)["state"];
    // The scripted browser logs in as the fixtures' second person (fixtures/users.json).
    auto redirect = follow_dialog_over_http(data_of(url)["url"].get<std::string>() + "&fake_user=100090000000002");
    auto exchanged = t.call(services, "exchange_code", {{"code", redirect["code"]}, {"state", state}});
    INFO(exchanged.text);
    REQUIRE_FALSE(exchanged.is_error);
    CHECK(data_of(exchanged)["user_id"] == "100090000000002");
    CHECK(data_of(exchanged)["user_name"] == "Ravi Okafor");
    auto ravis = data_of(t.call(services, "list_ad_accounts", {{"token", "ravi"}}));
    auto danas = data_of(t.call(services, "list_ad_accounts", {{"token", "main"}}));
    REQUIRE(ravis["items"].size() == 1);
    CHECK(ravis["items"][0]["id"] == "act_6071829304857610");
    CHECK(danas["items"].size() == 5);
    auto listed = data_of(t.call(services, "list_tokens"))["items"];
    REQUIRE(listed.size() == 2);
    CHECK(listed.dump().find("Ravi Okafor") != std::string::npos);
  }

  SECTION("verify and extend a stored token") {
    auto verified = t.call(services, "verify_token", {{"token", "main"}});
    INFO(verified.text);
    REQUIRE_FALSE(verified.is_error);
    CHECK(data_of(verified)["valid"] == true);
    CHECK(data_of(verified)["status"] == "active");
    CHECK(data_of(verified)["app_id"] == world->emulator->oauth_app().id);
    auto extended = t.call(services, "extend_token", {{"token", "main"}, {"label", "main-60d"}});
    INFO(extended.text);
    REQUIRE_FALSE(extended.is_error);
    CHECK(data_of(t.call(services, "list_tokens"))["count"] == 2);
  }

  SECTION("an unknown label names the stored ones") {
    auto unknown = t.call(services, "list_campaigns", {{"ad_account_id", "act_1"}, {"token", "nope"}});
    REQUIRE(unknown.is_error);
    CHECK(unknown.structured["error"]["path"] == "args.token");
    CHECK(unknown.text.find("main") != std::string::npos);
    auto use = t.call(services, "use_token", {{"label", "nope"}});
    CHECK(use.structured["error"]["path"] == "args.label");
  }

  SECTION("disconnect asks first, then revokes and deletes; 190 marks the other token, a throttle does not") {
    REQUIRE_FALSE(login({{"label", "second"}}).is_error);
    world->emulator->require_known_tokens(true);
    // A throttle says nothing about the token.
    const json throttle = {{"kind", "graph_error"}, {"code", 17}, {"path", "adaccounts"}, {"count", 10},
                           {"regain_minutes", 30}};
    world->server->faults().add(fbmcp::fake::parse_fault(throttle).value());
    auto throttled = t.call(services, "list_ad_accounts", {{"token", "second"}});
    REQUIRE(throttled.is_error);
    CHECK(throttled.structured["error"]["kind"] == "RateLimited");
    for (const auto& row : data_of(t.call(services, "list_tokens"))["items"]) CHECK(row["status"] == "active");
    world->server->faults().clear();

    auto preview = t.call(services, "disconnect", {{"token", "main"}});
    REQUIRE_FALSE(preview.is_error);
    CHECK(data_of(preview).contains("confirmation_token"));
    CHECK(data_of(t.call(services, "list_tokens"))["count"] == 2);  // nothing happened yet
    auto done = t.confirmed(services, "disconnect", {{"token", "main"}});
    INFO(done.text);
    REQUIRE_FALSE(done.is_error);
    CHECK(data_of(done)["revoked"] == true);
    // The revocation changed something at Meta: one journal row (change_journal_test.cpp names this test for it).
    auto journaled = services.journal->list({}, 10);
    REQUIRE(journaled);
    REQUIRE(journaled->records.size() == 1);
    CHECK(journaled->records.front().op == "disconnect");
    CHECK(journaled->records.front().change.items.at(0).action == "revoke");
    auto listed = data_of(t.call(services, "list_tokens"));
    REQUIRE(listed["count"] == 1);
    CHECK(listed["items"][0]["label"] == "second");

    // Revoking removed the app for the user, so the user's other token fails with 190 (458): marked invalid.
    auto refused = t.call(services, "list_ad_accounts", {{"token", "second"}});
    REQUIRE(refused.is_error);
    CHECK(refused.structured["error"]["graph"]["code"] == 190);
    CHECK(data_of(t.call(services, "list_tokens"))["items"][0]["status"] == "invalid");
  }

  // No result, error or text ever carried a token value (the tokens are read back from the store to look for them).
  auto store = services.tokens->store(false);
  REQUIRE(store);
  REQUIRE(*store);
  const auto rows = (*store)->list().value();
  for (const auto& info : rows) secrets.push_back((*store)->get_token(info.label).value());
  fbmcp::core::set_log_sink(nullptr);
  // Nor is one kept in plain text in the data dir (tokens.db seals them; login_states.db holds state hashes).
  std::string files;
  for (const auto& entry : std::filesystem::directory_iterator(world->data_dir)) {
    std::ifstream in(entry.path(), std::ios::binary);
    files += std::string(std::istreambuf_iterator<char>(in), {});
  }
  CHECK(files.find("CREATE TABLE login_states") != std::string::npos);  // the files were read: SQLite keeps its schema
  for (const auto& secret : secrets) {
    INFO("a secret of " << secret.size() << " characters appeared in a result, a log line or a data file");
    CHECK(t.all.find(secret) == std::string::npos);
    CHECK(files.find(secret) == std::string::npos);
  }
}

TEST_CASE("auth ops in fake mode: the emulator's login, stored tokens in memory, the built-in user", "[auth]") {
  auto services = testing::fake_services();
  Transcript t;
  auto status = t.call(*services, "auth_status");
  REQUIRE_FALSE(status.is_error);
  CHECK(data_of(status)["source"] == "fake");
  auto tokenless = t.call(*services, "verify_token");  // the built-in user has no token
  CHECK(tokenless.structured["error"]["kind"] == "InvalidArgs");
  CHECK(tokenless.structured["error"]["path"] == "args.token");

  auto url = t.call(*services, "login_url", {{"label", "fake-login"}});
  REQUIRE_FALSE(url.is_error);
  auto redirect = follow_dialog_in_process(*services->emulator, data_of(url)["url"]);
  auto exchanged = t.call(*services, "exchange_code", {{"code", redirect["code"]}, {"state", redirect["state"]}});
  INFO(exchanged.text);
  REQUIRE_FALSE(exchanged.is_error);
  CHECK(data_of(exchanged)["label"] == "fake-login");
  CHECK_FALSE(t.call(*services, "list_ad_accounts", {{"token", "fake-login"}}).is_error);
  CHECK(data_of(t.call(*services, "verify_token", {{"token", "fake-login"}}))["valid"] == true);
  auto dry = t.call(*services, "disconnect", {{"token", "fake-login"}, {"dry_run", true}});
  CHECK(data_of(dry)["dry_run"] == true);
  CHECK(data_of(t.call(*services, "list_tokens"))["count"] == 1);
  const auto value = services->tokens->token_value("fake-login").value();
  CHECK(t.all.find(value) == std::string::npos);
}

TEST_CASE("token health: 463 expires a stored token, every other 190 subcode invalidates it", "[auth]") {
  CHECK(fbmcp::auth::status_for_token_error(463) == "expired");
  for (int subcode : {0, 458, 459, 460, 464, 467, 492}) CHECK(fbmcp::auth::status_for_token_error(subcode) == "invalid");
  fbmcp::auth::TokenFacts facts;
  facts.expires_at = 100;
  CHECK(fbmcp::auth::status_from_facts(facts, 200) == "expired");
  facts.valid = true;
  CHECK(fbmcp::auth::status_from_facts(facts, 200) == "active");
  CHECK(fbmcp::auth::days_left(10 * 86400 + 5, 0) == 10);
}

TEST_CASE("a stored token named by `token` that expires within 7 days is named in the result's warnings", "[auth][http]") {
  auto world = testing::http_world();
  auto opened = world->services->tokens->store(true);
  REQUIRE(opened);
  REQUIRE(*opened);
  const auto now = static_cast<int64_t>(std::time(nullptr));
  fbmcp::store::TokenMetadata soon;
  soon.expires_at = now + 3 * 24 * 60 * 60;
  fbmcp::store::TokenMetadata later;
  later.expires_at = now + 50 * 24 * 60 * 60;
  REQUIRE((*opened)->put("client-soon", "EAAG-soon-0123456789", soon));
  REQUIRE((*opened)->put("client-later", "EAAG-later-0123456789", later));
  const auto warned = testing::call(*world->services, "list_ad_accounts", {{"token", "client-soon"}}).structured;
  INFO(warned.dump());
  REQUIRE(warned["ok"] == true);
  REQUIRE(warned.contains("warnings"));
  CHECK(warned["warnings"].dump().find("'client-soon'") != std::string::npos);
  CHECK(warned["warnings"].dump().find("expires on") != std::string::npos);
  const auto quiet = testing::call(*world->services, "list_ad_accounts", {{"token", "client-later"}}).structured;
  CHECK(!quiet.contains("warnings"));
}
