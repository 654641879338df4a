// The emulator's deep-copy limits and asynchronous batch requests (a campaign with more than 3 ads is copied through
// POST /act_<id>/async_batch_requests), and the ad account's spend cap rules (validation, 10 changes a day).
#include <catch2/catch.hpp>

#include <algorithm>
#include <set>

#include "app/services.hpp"
#include "integration/live_faults.hpp"
#include "support/fake_services.hpp"

using namespace fbmcp;
using nlohmann::json;

namespace {

json account_rules_body(const graph::HttpResponse& r) { return json::parse(r.body); }

constexpr const char* kCopyAct = "act_1029384756102938";
constexpr const char* kSixAdCampaign = "120210000000000001";  // 3 ad sets, 6 ads
constexpr const char* kEurAct = "act_2038475610293847";      // spend_cap 150000.00 EUR, 73391.20 spent

}  // namespace

TEST_CASE("a synchronous deep copy of more than 3 ads is refused; the async batch path copies it whole",
          "[fake][copies]") {
  auto services = testing::fake_services();
  auto& emulator = *services->emulator;
  const auto campaigns = emulator.count("campaign");
  const auto ads = emulator.count("ad");
  auto refused = emulator.handle("POST", std::string(kSixAdCampaign) + "/copies", {{"deep_copy", "true"}});
  REQUIRE(refused.status == 400);
  const auto error = account_rules_body(refused)["error"];
  CHECK(error["code"] == 100);
  CHECK(error["error_user_msg"].get<std::string>().find("asynchronous") != std::string::npos);
  CHECK(emulator.count("campaign") == campaigns);  // nothing half-copied
  CHECK(emulator.count("ad") == ads);

  const json adbatch = json::array({{{"name", "copy"},
                                     {"relative_url", std::string(kSixAdCampaign) + "/copies"},
                                     {"body", "deep_copy=true&status_option=PAUSED"}}});
  auto made = emulator.handle("POST", std::string(kCopyAct) + "/async_batch_requests",
                              {{"name", "copy test"}, {"adbatch", adbatch.dump()}});
  INFO(made.body);
  REQUIRE(made.status == 200);
  const std::string set = account_rules_body(made)["id"];
  // First read: still running; afterwards: done, with the copy's answer as the request's result.
  auto first = account_rules_body(emulator.handle("GET", set, {{"fields", "is_completed,total_count,success_count"}}));
  CHECK(first["is_completed"] == false);
  auto second = account_rules_body(emulator.handle("GET", set, {{"fields", "is_completed,total_count,success_count"}}));
  CHECK(second["is_completed"] == true);
  CHECK(second["success_count"] == 1);
  auto requests = account_rules_body(emulator.handle("GET", set + "/requests", {{"fields", "status,result"}}));
  REQUIRE(requests["data"].size() == 1);
  CHECK(requests["data"][0]["status"] == "SUCCESS");
  const auto result = requests["data"][0]["result"];
  REQUIRE(result.contains("copied_campaign_id"));
  CHECK(result["ad_object_ids"].size() == 1 + 3 + 6);
  CHECK(emulator.count("campaign") == campaigns + 1);
  CHECK(emulator.count("ad") == ads + 6);

  // A request that fails in the set is an ERROR with Graph's error as its result; the set still completes.
  auto bad = emulator.handle("POST", std::string(kCopyAct) + "/async_batch_requests",
                             {{"name", "bad"}, {"adbatch", json::array({{{"relative_url", "999/copies"}}}).dump()}});
  REQUIRE(bad.status == 200);
  const std::string bad_set = account_rules_body(bad)["id"];
  (void)emulator.handle("GET", bad_set, {});
  auto bad_requests = account_rules_body(emulator.handle("GET", bad_set + "/requests", {{"fields", "status,result"}}));
  CHECK(bad_requests["data"][0]["status"] == "ERROR");
  CHECK(bad_requests["data"][0]["result"].contains("error"));

  // adbatch is required and must be a list.
  CHECK(emulator.handle("POST", std::string(kCopyAct) + "/async_batch_requests", {{"name", "x"}}).status == 400);
  CHECK(emulator.handle("POST", std::string(kCopyAct) + "/async_batch_requests", {{"name", "x"}, {"adbatch", "{}"}})
            .status == 400);
}

TEST_CASE("the account spend cap: major units on write, refused at or below the amount spent, 10 changes a day",
          "[fake][accounts]") {
  auto services = testing::fake_services();
  auto& emulator = *services->emulator;
  const auto cap = [&] {
    return account_rules_body(emulator.handle("GET", kEurAct, {{"fields", "spend_cap,amount_spent"}}))["spend_cap"];
  };
  auto low = emulator.handle("POST", kEurAct, {{"spend_cap", "70000.00"}});
  REQUIRE(low.status == 400);
  CHECK(account_rules_body(low)["error"]["error_user_msg"].get<std::string>().find("73391.20") != std::string::npos);
  CHECK(cap() == "15000000");
  CHECK(emulator.handle("POST", kEurAct, {{"spend_cap", "160000.00"}}).status == 200);
  CHECK(cap() == "16000000");
  CHECK(emulator.handle("POST", kEurAct, {{"spend_cap_action", "delete"}}).status == 200);
  CHECK(cap() == "0");
  // Two changes made; eight more are allowed today, the eleventh is Meta's throttle.
  for (int i = 0; i < 8; ++i) {
    INFO(i);
    CHECK(emulator.handle("POST", kEurAct, {{"spend_cap", std::to_string(100000 + i) + ".00"}}).status == 200);
  }
  auto throttled = emulator.handle("POST", kEurAct, {{"spend_cap", "200000.00"}});
  REQUIRE(throttled.status == 400);
  const auto error = account_rules_body(throttled)["error"];
  CHECK(error["code"] == 17);
  CHECK(error["error_subcode"] == 1885172);
  CHECK(cap() == "10000700");
  // Other account fields are not the emulator's to change.
  CHECK(emulator.handle("POST", kEurAct, {{"timezone_id", "1"}}).status == 400);
}

TEST_CASE("account_health reads the token's expiry through debug_token and never shows the token", "[accounts][http]") {
  testing::HttpWorldOptions options;
  options.oauth_app = true;
  auto world = testing::http_world(options);
  auto r = testing::call(*world->services, "account_health", {{"ad_account_id", "act_1029384756102938"}});
  INFO(r.text);
  REQUIRE_FALSE(r.is_error);
  const auto& data = r.structured["data"];
  REQUIRE(data.contains("token"));
  CHECK(data["token"]["source"] == "environment");
  CHECK(data["token"].contains("status"));
  CHECK(data["rate_limit"]["by_header"].is_object());
  CHECK(data["ads"]["DISAPPROVED"]["count"].get<int>() > 0);
  CHECK(r.text.find(testing::kCanaryToken) == std::string::npos);
  CHECK(r.structured.dump().find(testing::kCanaryToken) == std::string::npos);
}

TEST_CASE("duplicate_campaign lists every copied id once, through the async path too", "[accounts][copies]") {
  auto services = testing::fake_services();
  auto r = testing::call(*services, "duplicate_campaign", {{"campaign_id", kSixAdCampaign}, {"deep_copy", true}});
  INFO(r.text);
  REQUIRE_FALSE(r.is_error);
  const auto& data = r.structured["data"];
  CHECK(data["copied_ids"]["campaigns"].size() == 1);
  CHECK(data["copied_ids"]["ad_sets"].size() == 3);
  CHECK(data["copied_ids"]["ads"].size() == 6);
  CHECK(data["objects_copied"] == 10);
  CHECK(data.contains("async_request_set_id"));
  std::set<std::string> unique;
  for (const auto& [kind, ids] : data["copied_ids"].items()) {
    for (const auto& id : ids) CHECK(unique.insert(id.get<std::string>()).second);
  }
  // Every listed ad exists, PAUSED (or paused by its parents), in its copied ad set.
  for (const auto& id : data["copied_ids"]["ads"]) {
    auto ad = json::parse(services->emulator->handle("GET", id.get<std::string>(), {{"fields", "status,adset_id"}}).body);
    CHECK(ad["status"] == "PAUSED");
    CHECK(std::find(data["copied_ids"]["ad_sets"].begin(), data["copied_ids"]["ad_sets"].end(), ad["adset_id"]) !=
          data["copied_ids"]["ad_sets"].end());
  }
}

TEST_CASE("a copy whose answer is lost is not re-sent: the error says which copies exist now", "[live][faults][copies]") {
  auto world = testing::http_world();
  // Warm a kept-alive connection: the copy's POST rides it.
  REQUIRE_FALSE(testing::call_op(*world, "get_campaign", {{"campaign_id", "120210000000000004"}}).is_error);
  testing::arm(*world, {{"kind", "close_after_apply"}, {"method", "POST"}, {"path", "copies$"}});
  const auto r = testing::call_op(*world, "duplicate_campaign",
                                  {{"campaign_id", "120210000000000004"}, {"deep_copy", true}, {"rename_suffix", " (lost)"}});
  INFO(r.text);
  REQUIRE(r.is_error);
  const std::string name = "Storm Shell Launch – Awareness (lost)";
  CHECK(testing::campaigns_named(*world, name) == 1);  // made once, never re-sent
  const auto& error = r.structured["error"];
  REQUIRE(error["detail"]["existing_copies"].is_array());
  CHECK(error["detail"]["existing_copies"].size() == 1);
  CHECK(error["hint"].get<std::string>().find(error["detail"]["existing_copies"][0].get<std::string>()) !=
        std::string::npos);
}

TEST_CASE("a copy Graph refuses leaves nothing behind, and says so", "[fake][copies]") {
  auto services = testing::fake_services();
  const auto before = services->emulator->count("campaign");
  // Archived campaigns can be copied; a deleted one cannot (the emulator's copy rule) — Graph's refusal, nothing made.
  auto deleted = testing::call(*services, "duplicate_campaign", {{"campaign_id", "120210000000000013"}});
  INFO(deleted.text);
  CHECK(deleted.is_error);
  CHECK(services->emulator->count("campaign") == before);
}
