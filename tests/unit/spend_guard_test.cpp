#include <catch2/catch.hpp>

#include "support/fake_services.hpp"
#include "tool/spend_guard.hpp"

using namespace fbmcp;
using nlohmann::json;

TEST_CASE("spend guard: absolute caps in the account's currency, per-account overrides", "[spend_guard]") {
  auto guard = tool::SpendGuard::from_json(
      {{"default", {{"max_daily_budget", "100.00"}, {"max_increase_pct", 50}}}, {"act_9", {{"max_daily_budget", "20000"}}}});
  REQUIRE(guard);
  CHECK(guard->check("act_1", "USD", "daily_budget", 0, 10000));       // exactly 100.00
  CHECK_FALSE(guard->check("act_1", "USD", "daily_budget", 0, 10001));
  CHECK(guard->check("act_9", "JPY", "daily_budget", 0, 20000));        // ¥20000 for the JPY account
  CHECK_FALSE(guard->check("act_9", "JPY", "daily_budget", 0, 20001));
  CHECK(guard->check("act_1", "USD", "daily_budget", 4000, 6000));      // +50 %
  auto too_fast = guard->check("act_1", "USD", "daily_budget", 4000, 6001);
  REQUIRE_FALSE(too_fast);
  CHECK(too_fast.error().kind == core::ErrorKind::PolicyBlocked);
  CHECK(guard->check("act_1", "USD", "lifetime_budget", 0, 99999999));  // no lifetime cap configured
}

TEST_CASE("spend guard fails closed", "[spend_guard]") {
  auto guard = tool::SpendGuard::from_json({{"default", {{"max_daily_budget", "100.50"}}}});
  REQUIRE(guard);
  // "100.50" cannot be expressed in JPY: the change is blocked, not let through.
  CHECK_FALSE(guard->check("act_1", "JPY", "daily_budget", 0, 10));
  CHECK_FALSE(tool::SpendGuard::from_json({{"acme", json::object()}}));
  CHECK_FALSE(tool::SpendGuard::from_json({{"default", {{"max_daily_budget", 100}}}}));
}

TEST_CASE("ops consult the spend guard before anything reaches Graph", "[spend_guard][router]") {
  core::Settings settings;
  settings.mode = core::Mode::Fake;
  settings.fake_clock = testing::kFixedNow;
  settings.spend_limits = {{"act_1029384756102938", {{"max_daily_budget", "60.00"}}}};
  auto services = std::move(*app::make_services(settings));
  const auto before = services->emulator->count("campaign");
  auto r = testing::call(*services, "create_campaign",
                         {{"ad_account_id", "act_1029384756102938"}, {"name", "Too big"}, {"objective", "OUTCOME_SALES"},
                          {"special_ad_categories", json::array()}, {"daily_budget", "60.01"}});
  REQUIRE(r.is_error);
  CHECK(r.structured["error"]["kind"] == "PolicyBlocked");
  CHECK(r.structured["error"]["message"].get<std::string>().find("60.00 USD") != std::string::npos);
  CHECK(services->emulator->count("campaign") == before);
  auto bulk = testing::call_confirmed(*services, "bulk_update_campaigns",
                                      {{"updates", {{{"campaign_id", "120210000000000001"}, {"daily_budget", "75.00"}}}}});
  CHECK(bulk.structured["data"]["items"][0]["error"]["kind"] == "PolicyBlocked");
}
