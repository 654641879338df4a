// The live path under faults: CurlTransport → FakeGraphServer on 127.0.0.1 with scripted failures. Each fault ends
// in success after a retry (reads, idempotent writes) or in a clear error result; the server stays up; nothing is
// created twice; the token never shows up anywhere.
#include <catch2/catch.hpp>

#include <ctime>
#include <mutex>

#include <httplib.h>

#include "core/log.hpp"
#include "fake/fault_plan.hpp"
#include "integration/live_faults.hpp"
#include "support/fake_services.hpp"

using namespace fbmcp;
using nlohmann::json;

namespace {

constexpr const char* kUsd = "act_1029384756102938";
constexpr const char* kActive = "120210000000000001";

// Every log line produced while a test runs, to search for the canary token.
struct LogCapture {
  std::mutex mutex;
  std::string lines;
  LogCapture() {
    core::set_log_sink([this](core::LogLevel, std::string_view logger, std::string_view message) {
      std::lock_guard lock(mutex);
      lines.append(logger).append(": ").append(message).append("\n");
    });
  }
  ~LogCapture() { core::set_log_sink(nullptr); }
};

using testing::arm;

tool::ToolResult call(testing::HttpWorld& world, const std::string& op, const json& args) {
  auto result = testing::call(*world.services, op, args);
  // The canary token must never leak into what an agent sees.
  CHECK(result.text.find(testing::kCanaryToken) == std::string::npos);
  CHECK(result.structured.dump().find(testing::kCanaryToken) == std::string::npos);
  return result;
}

json create_args(const std::string& name) {
  return {{"ad_account_id", kUsd}, {"name", name}, {"objective", "OUTCOME_TRAFFIC"},
          {"special_ad_categories", json::array()}, {"daily_budget", {{"amount", "25.00"}}}};
}

}  // namespace

TEST_CASE("transient Graph errors and 5xx on reads are retried to success", "[live][faults]") {
  LogCapture logs;
  auto world = testing::http_world();
  arm(*world, {{"kind", "graph_error"}, {"code", 2}, {"path", "campaigns"}, {"status", 500}});
  arm(*world, {{"kind", "graph_error"}, {"code", 1}, {"path", "campaigns"}});
  auto listed = call(*world, "list_campaigns", {{"ad_account_id", kUsd}, {"limit", 3}});
  CHECK_FALSE(listed.is_error);
  arm(*world, {{"kind", "http_status"}, {"status", 502}, {"path", kActive}});
  CHECK_FALSE(call(*world, "get_campaign", {{"campaign_id", kActive}}).is_error);
  arm(*world, {{"kind", "malformed"}, {"path", kActive}});
  CHECK_FALSE(call(*world, "get_campaign", {{"campaign_id", kActive}}).is_error);
  arm(*world, {{"kind", "reset"}, {"path", kActive}});
  CHECK_FALSE(call(*world, "get_campaign", {{"campaign_id", kActive}}).is_error);
  arm(*world, {{"kind", "delay"}, {"delay_ms", 300}, {"path", kActive}});
  CHECK_FALSE(call(*world, "get_campaign", {{"campaign_id", kActive}}).is_error);
  CHECK(logs.lines.find(testing::kCanaryToken) == std::string::npos);
}

TEST_CASE("an expired token is Unauthenticated with Graph's fields and a next step", "[live][faults]") {
  auto world = testing::http_world();
  arm(*world, {{"kind", "graph_error"}, {"code", 190}, {"error_subcode", 463}, {"path", "adaccounts"}});
  auto r = call(*world, "list_ad_accounts", json::object());
  REQUIRE(r.is_error);
  CHECK(r.structured["error"]["kind"] == "Unauthenticated");
  CHECK(r.structured["error"]["graph"]["code"] == 190);
  CHECK(r.structured["error"]["graph"]["error_subcode"] == 463);
  CHECK(r.structured["error"]["message"].get<std::string>().find("expired") != std::string::npos);
  CHECK(r.structured["error"]["hint"].get<std::string>().find("FACEBOOK_ACCESS_TOKEN") != std::string::npos);
  CHECK_FALSE(call(*world, "list_ad_accounts", json::object()).is_error);  // the server is still up
}

TEST_CASE("throttles are RateLimited, never auth errors; a short wait Meta asks for is waited out", "[live][faults]") {
  auto world = testing::http_world();
  for (int code : {17, 613, 80004, 4}) {
    INFO(code);
    arm(*world, {{"kind", "graph_error"}, {"code", code}, {"count", 3}, {"regain_minutes", 30}, {"path", kActive}});
    auto r = call(*world, "get_campaign", {{"campaign_id", kActive}});
    REQUIRE(r.is_error);
    CHECK(r.structured["error"]["kind"] == "RateLimited");
    CHECK(r.structured["error"]["detail"]["retry_after_seconds"] == 1800);
    world->server->faults().clear();
  }
  // estimated_time_to_regain_access 0 minutes: wait (briefly) and retry; the caller sees success.
  arm(*world, {{"kind", "graph_error"}, {"code", 80004}, {"regain_minutes", 0}, {"path", kActive}});
  CHECK_FALSE(call(*world, "get_campaign", {{"campaign_id", kActive}}).is_error);
}

TEST_CASE("code 100 names the blamed field", "[live][faults]") {
  auto world = testing::http_world();
  arm(*world, {{"kind", "graph_error"}, {"code", 100}, {"blame_field", "daily_budget"}, {"method", "POST"},
               {"path", "campaigns"}});
  auto r = call(*world, "create_campaign", create_args("Blamed"));
  REQUIRE(r.is_error);
  CHECK(r.structured["error"]["kind"] == "InvalidArgs");
  CHECK(r.structured["error"]["path"] == "daily_budget");
}

TEST_CASE("a create whose answer is lost is reconciled, never duplicated", "[live][faults][idempotency]") {
  testing::HttpWorldOptions options;
  options.http_timeout_ms = 800;
  options.fixed_clock = false;  // reconciliation compares Meta's created_time with our clock
  auto world = testing::http_world(options);
  const auto before = world->emulator->count("campaign");
  // The write is applied, then the answer arrives after the client gave up.
  arm(*world, {{"kind", "timeout_after_write"}, {"delay_ms", 1500}, {"method", "POST"}, {"path", "campaigns"}});
  auto r = call(*world, "create_campaign", create_args("Lost Answer"));
  REQUIRE_FALSE(r.is_error);
  CHECK(world->emulator->count("campaign") == before + 1);
  CHECK(r.structured["warnings"].dump().find("not created twice") != std::string::npos);
  // The agent retries the same call: still one campaign, and it gets the same id back.
  auto again = call(*world, "create_campaign", create_args("Lost Answer"));
  REQUIRE_FALSE(again.is_error);
  CHECK(again.structured["data"]["id"] == r.structured["data"]["id"]);
  CHECK(world->emulator->count("campaign") == before + 1);
}

TEST_CASE("a create that failed before reaching Meta is sent once more, once", "[live][faults][idempotency]") {
  testing::HttpWorldOptions options;
  options.fixed_clock = false;
  auto world = testing::http_world(options);
  const auto before = world->emulator->count("campaign");
  arm(*world, {{"kind", "reset"}, {"method", "POST"}, {"path", "campaigns"}});
  auto r = call(*world, "create_campaign", create_args("Reset Once"));
  REQUIRE_FALSE(r.is_error);
  CHECK(world->emulator->count("campaign") == before + 1);
}

TEST_CASE("an explicit idempotency key makes a retried create return the first campaign", "[live][idempotency]") {
  auto world = testing::http_world();
  auto args = create_args("Keyed");
  args["idempotency_key"] = "keyed-1";
  auto first = call(*world, "create_campaign", args);
  auto second = call(*world, "create_campaign", args);
  REQUIRE_FALSE(first.is_error);
  CHECK(second.structured["data"]["id"] == first.structured["data"]["id"]);
  args["idempotency_key"] = "keyed-2";
  CHECK(call(*world, "create_campaign", args).structured["data"]["id"] != first.structured["data"]["id"]);
}

TEST_CASE("bulk updates survive a lost batch answer and report per item", "[live][faults][batch]") {
  auto world = testing::http_world();
  json updates = json::array();
  for (const char* id : {"120210000000000001", "120210000000000002", "120210000000000005"}) {
    updates.push_back({{"campaign_id", id}, {"status", "PAUSED"}});
  }
  arm(*world, {{"kind", "http_status"}, {"status", 500}, {"method", "POST"}, {"path", "^/v24\\.0/$"}});
  auto r = call(*world, "bulk_update_campaigns", {{"updates", updates}});
  REQUIRE_FALSE(r.is_error);
  CHECK(r.structured["data"]["updated"] == 3);
  for (const auto& item : r.structured["data"]["items"]) CHECK(item["ok"] == true);
}

TEST_CASE("appsecret_proof travels with every call and never shows", "[live][secrets]") {
  LogCapture logs;
  testing::HttpWorldOptions options;
  options.app_secret = "app-secret-canary-987654321";
  auto world = testing::http_world(options);
  // The server refuses calls without the right proof, so a success proves it was sent and correct.
  CHECK_FALSE(call(*world, "list_campaigns", {{"ad_account_id", kUsd}, {"limit", 2}}).is_error);
  arm(*world, {{"kind", "graph_error"}, {"code", 190}, {"error_subcode", 460}, {"path", "adaccounts"}});
  auto r = call(*world, "list_ad_accounts", json::object());
  CHECK(r.is_error);
  CHECK(r.text.find("app-secret-canary") == std::string::npos);
  CHECK(logs.lines.find("app-secret-canary") == std::string::npos);
  CHECK(logs.lines.find(testing::kCanaryToken) == std::string::npos);
}

TEST_CASE("the fake Graph server takes params as Meta does: query, form, multipart, JSON", "[live][fake_server]") {
  auto world = testing::http_world();
  httplib::Client client("127.0.0.1", std::stoi(world->server->base_url().substr(world->server->base_url().rfind(':') + 1)));
  const std::string edge = "/v24.0/act_1029384756102938/campaigns";
  auto by_json = client.Post(edge.c_str(),
                             R"({"name":"J","objective":"OUTCOME_SALES","special_ad_categories":[],"daily_budget":2500})",
                             "application/json");
  REQUIRE(by_json);
  CHECK(json::parse(by_json->body).contains("id"));
  httplib::MultipartFormDataItems parts = {{"name", "M", "", ""},
                                           {"objective", "OUTCOME_TRAFFIC", "", ""},
                                           {"special_ad_categories", "[]", "", ""},
                                           {"is_adset_budget_sharing_enabled", "false", "", ""}};
  auto by_multipart = client.Post(edge.c_str(), parts);
  REQUIRE(by_multipart);
  CHECK(json::parse(by_multipart->body).contains("id"));
  auto by_form = client.Post(edge.c_str(), "name=F&objective=OUTCOME_LEADS&special_ad_categories=%5B%5D&daily_budget=2500",
                             "application/x-www-form-urlencoded");
  REQUIRE(by_form);
  CHECK(json::parse(by_form->body).contains("id"));
  auto by_query = client.Get((edge + "?limit=3&fields=name").c_str());
  REQUIRE(by_query);
  const auto page = json::parse(by_query->body);
  CHECK(page["data"].size() == 3);
  CHECK(page["data"][0]["name"] == "F");  // newest first
  CHECK(by_query->has_header("x-app-usage"));
  CHECK(by_query->has_header("x-ad-account-usage"));
  CHECK(by_query->has_header("x-business-use-case-usage"));
}

TEST_CASE("a stored token that expires within 7 days is named in every live result, with how to renew it",
          "[live][token_health]") {
  auto world = testing::http_world();
  const auto now = static_cast<int64_t>(std::time(nullptr));
  const nlohmann::json args = {{"ad_account_id", "act_1029384756102938"}};
  auto warnings_of = [&] {
    auto result = testing::call(*world->services, "get_ad_account_info", args);
    REQUIRE_FALSE(result.is_error);
    return result.structured.value("warnings", nlohmann::json::array()).dump() + result.text;
  };
  world->services->router->set_token_expiry("work", now + 3 * 24 * 60 * 60 + 60);
  auto soon = warnings_of();
  CHECK(soon.find("the token in use ('work') expires on") != std::string::npos);
  CHECK(soon.find("in 3 days") != std::string::npos);
  CHECK(soon.find("facebook-mcp login --label work") != std::string::npos);
  world->services->router->set_token_expiry("work", now - 60);
  CHECK(warnings_of().find("('work') expired on") != std::string::npos);
  world->services->router->set_token_expiry("work", now + 30 * 24 * 60 * 60);
  CHECK(warnings_of().find("the token in use") == std::string::npos);
}
