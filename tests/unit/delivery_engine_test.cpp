// Properties of the emulator's delivery engine, read through the /insights edge as any client would (issue 10):
// levels agree to the cent, breakdowns sum exactly, reach is deduplicated and never above impressions, answers are
// deterministic, nothing is delivered while paused, breakdowns follow targeting, alias families carry one count.
#include <catch2/catch.hpp>

#include <map>
#include <string>

#include "fake/fixtures.hpp"
#include "fake/graph_emulator.hpp"
#include "money/money.hpp"
#include "support/fake_services.hpp"
#include "support/response_body.hpp"

using namespace fbmcp;
using nlohmann::json;

namespace {

const char* kAccounts[] = {"act_1029384756102938", "act_2038475610293847", "act_3047561029384756",
                           "act_4056102938475610", "act_5061029384756102"};

using testing::body_of;

std::unique_ptr<fake::GraphEmulator> emulator_at(std::shared_ptr<std::string> now) {
  auto world = fake::load_world(fake::embedded_fixture_reader());
  REQUIRE(world);
  fake::EmulatorOptions options;
  options.now = [now] { return *now; };
  return std::make_unique<fake::GraphEmulator>(std::move(*world), options);
}

json insights(fake::GraphEmulator& emulator, const std::string& object, fake::ParamMap params) {
  params["limit"] = "5000";
  const auto response = emulator.handle("GET", object + "/insights", params);
  INFO(response.body);
  REQUIRE(response.status == 200);
  return body_of(response);
}

// Additive totals of rows: money in minor units, so "equal" means to the cent.
struct Sums {
  int64_t spend = 0, impressions = 0, clicks = 0, link_clicks = 0, purchases = 0;
  bool operator==(const Sums&) const = default;
};

Sums sums_of(const json& rows, const std::string& currency) {
  Sums s;
  for (const auto& row : rows) {
    s.spend += *money::to_minor_units(row.value("spend", "0"), currency);
    s.impressions += std::stoll(row.value("impressions", "0"));
    s.clicks += std::stoll(row.value("clicks", "0"));
    s.link_clicks += std::stoll(row.value("inline_link_clicks", "0"));
    for (const auto& action : row.value("actions", json::array())) {
      if (action["action_type"] == "omni_purchase") s.purchases += std::stoll(action["value"].get<std::string>());
    }
  }
  return s;
}

const char* kFields = "spend,impressions,clicks,inline_link_clicks,reach,actions";

std::string currency_of(fake::GraphEmulator& emulator, const std::string& act) {
  return body_of(emulator.handle("GET", act, {{"fields", "currency"}}))["currency"];
}

}  // namespace

TEST_CASE("account = Σ campaigns = Σ ad sets = Σ ads, to the cent, in every account and period", "[fake][delivery]") {
  auto now = std::make_shared<std::string>(testing::kFixedNow);
  auto emulator = emulator_at(now);
  for (const char* act : kAccounts) {
    const auto currency = currency_of(*emulator, act);
    for (const char* preset : {"last_7d", "last_30d", "last_90d", "this_month"}) {
      INFO(act << " " << preset);
      const auto total = sums_of(insights(*emulator, act, {{"fields", kFields}, {"date_preset", preset}})["data"], currency);
      for (const char* level : {"campaign", "adset", "ad"}) {
        INFO(level);
        const auto rows = insights(*emulator, act, {{"fields", kFields}, {"date_preset", preset}, {"level", level}})["data"];
        CHECK(sums_of(rows, currency) == total);
      }
      // Daily rows add up to the period too (time_increment=1).
      const auto daily = insights(*emulator, act, {{"fields", kFields}, {"date_preset", preset}, {"time_increment", "1"}})["data"];
      CHECK(sums_of(daily, currency) == total);
    }
  }
}

TEST_CASE("every breakdown sums exactly to the unbroken total", "[fake][delivery]") {
  auto now = std::make_shared<std::string>(testing::kFixedNow);
  auto emulator = emulator_at(now);
  const std::string act = kAccounts[0];
  const auto total = sums_of(insights(*emulator, act, {{"fields", kFields}, {"date_preset", "last_30d"}})["data"], "USD");
  REQUIRE(total.spend > 0);
  for (const char* breakdowns : {"age", "gender", "age,gender", "country", "region", "country,region", "publisher_platform",
                                 "publisher_platform,platform_position", "publisher_platform,impression_device",
                                 "publisher_platform,platform_position,impression_device", "device_platform",
                                 "impression_device"}) {
    INFO(breakdowns);
    // region is a "Type 1" breakdown: off-Meta conversions are not returned with it, so compare without them.
    const auto rows = insights(*emulator, act, {{"fields", kFields}, {"date_preset", "last_30d"}, {"breakdowns", breakdowns}})["data"];
    auto sums = sums_of(rows, "USD");
    if (std::string(breakdowns).find("region") != std::string::npos) {
      CHECK(sums.purchases == 0);
      sums.purchases = total.purchases;
    }
    CHECK(sums == total);
  }
}

TEST_CASE("reach is people: at most impressions, below the sum of daily reach, frequency = impressions / reach",
          "[fake][delivery]") {
  auto now = std::make_shared<std::string>(testing::kFixedNow);
  auto emulator = emulator_at(now);
  const auto rows = insights(*emulator, kAccounts[0], {{"fields", "impressions,reach,frequency"}, {"date_preset", "last_30d"},
                                                       {"level", "ad"}, {"breakdowns", "age,gender"}})["data"];
  REQUIRE(!rows.empty());
  for (const auto& row : rows) {
    CHECK(std::stoll(row["reach"].get<std::string>()) <= std::stoll(row["impressions"].get<std::string>()));
    CHECK(std::stod(row["frequency"].get<std::string>()) >= 1.0);
  }
  const auto period = insights(*emulator, "120210000000000001", {{"fields", "reach"}, {"date_preset", "last_30d"}})["data"];
  const auto daily = insights(*emulator, "120210000000000001", {{"fields", "reach"}, {"date_preset", "last_30d"}, {"time_increment", "1"}})["data"];
  int64_t daily_sum = 0, best_day = 0;
  for (const auto& row : daily) {
    daily_sum += std::stoll(row["reach"].get<std::string>());
    best_day = std::max<int64_t>(best_day, std::stoll(row["reach"].get<std::string>()));
  }
  REQUIRE(daily.size() > 1);
  const auto reach = std::stoll(period[0]["reach"].get<std::string>());
  CHECK(reach < daily_sum);
  CHECK(reach >= best_day);
}

TEST_CASE("the same question gets the same answer from a fresh emulator", "[fake][delivery]") {
  auto now = std::make_shared<std::string>(testing::kFixedNow);
  auto first = emulator_at(now);
  auto second = emulator_at(now);
  const fake::ParamMap params = {{"fields", kFields}, {"date_preset", "last_90d"}, {"level", "ad"}, {"time_increment", "7"},
                                 {"breakdowns", "publisher_platform"}};
  CHECK(insights(*first, kAccounts[1], params) == insights(*second, kAccounts[1], params));
}

TEST_CASE("nothing is delivered while paused; delivery resumes with the campaign", "[fake][delivery]") {
  auto now = std::make_shared<std::string>("2026-11-10T20:00:00+0000");  // noon in Los Angeles (UTC-8)
  auto emulator = emulator_at(now);
  const std::string campaign = "120210000000000001";  // ACTIVE, CBO 50.00 USD a day
  REQUIRE(emulator->handle("POST", campaign, {{"status", "PAUSED"}}).status == 200);
  *now = "2026-11-15T20:00:00+0000";
  REQUIRE(emulator->handle("POST", campaign, {{"status", "ACTIVE"}}).status == 200);
  *now = testing::kFixedNow;
  const auto daily = insights(*emulator, campaign, {{"fields", "spend,impressions"}, {"time_increment", "1"},
                                                    {"time_range", R"({"since":"2026-11-05","until":"2026-11-20"})"}})["data"];
  std::map<std::string, double> spend;
  for (const auto& row : daily) spend[row["date_start"]] = std::stod(row["spend"].get<std::string>());
  for (const char* day : {"2026-11-11", "2026-11-12", "2026-11-13", "2026-11-14"}) CHECK(spend.count(day) == 0);
  // Paused at noon and resumed at noon: about half a day each, well under a whole day.
  CHECK(spend["2026-11-10"] > 0);
  CHECK(spend["2026-11-10"] < spend["2026-11-09"]);
  CHECK(spend["2026-11-15"] > 0);
  CHECK(spend["2026-11-15"] < spend["2026-11-16"]);
  // A day's spend stays within 125% of the daily budget (Meta's allowance).
  for (const auto& [day, amount] : spend) CHECK(amount <= 62.50);
  // The past before the pause did not change.
  auto untouched = emulator_at(std::make_shared<std::string>(testing::kFixedNow));
  const auto before = insights(*untouched, campaign, {{"fields", "spend"}, {"time_range", R"({"since":"2026-11-05","until":"2026-11-09"})"}})["data"];
  const auto after = insights(*emulator, campaign, {{"fields", "spend"}, {"time_range", R"({"since":"2026-11-05","until":"2026-11-09"})"}})["data"];
  CHECK(before == after);
}

TEST_CASE("breakdowns follow the ad set's targeting", "[fake][delivery]") {
  auto now = std::make_shared<std::string>(testing::kFixedNow);
  auto emulator = emulator_at(now);
  // 120211000000000001 targets women 25–65+ in the US.
  const auto by_age = insights(*emulator, "120211000000000001", {{"fields", "impressions"}, {"breakdowns", "age,gender"}})["data"];
  REQUIRE(!by_age.empty());
  for (const auto& row : by_age) {
    CHECK(row["gender"] == "female");
    CHECK(row["age"] != "18-24");
    CHECK(row["age"] != "13-17");
  }
}

TEST_CASE("a conversion arrives under every alias of its family with one count", "[fake][delivery]") {
  auto now = std::make_shared<std::string>(testing::kFixedNow);
  auto emulator = emulator_at(now);
  const auto rows = insights(*emulator, "120210000000000001", {{"fields", "actions,action_values"}, {"date_preset", "last_30d"}})["data"];
  REQUIRE(rows.size() == 1);
  std::map<std::string, std::string> counts;
  for (const auto& a : rows[0]["actions"]) counts[a["action_type"]] = a["value"];
  REQUIRE(counts.count("omni_purchase"));
  CHECK(counts["purchase"] == counts["omni_purchase"]);
  CHECK(counts["offsite_conversion.fb_pixel_purchase"] == counts["omni_purchase"]);
}

TEST_CASE("async report runs move through Meta's states and give the synchronous rows", "[fake][delivery]") {
  auto now = std::make_shared<std::string>(testing::kFixedNow);
  auto emulator = emulator_at(now);
  const fake::ParamMap params = {{"fields", kFields}, {"date_preset", "last_14d"}, {"level", "adset"}, {"time_increment", "1"}};
  const auto started = emulator->handle("POST", std::string(kAccounts[0]) + "/insights", params);
  REQUIRE(started.status == 200);
  const std::string run = body_of(started)["report_run_id"];
  CHECK(emulator->handle("GET", run + "/insights", {}).status == 400);  // not ready yet
  std::vector<std::string> seen;
  for (int poll = 0; poll < 6; ++poll) {
    seen.push_back(body_of(emulator->handle("GET", run, {{"fields", "async_status,async_percent_completion"}}))["async_status"]);
  }
  CHECK(seen == std::vector<std::string>{"Job Not Started", "Job Started", "Job Running", "Job Completed", "Job Completed",
                                         "Job Completed"});
  auto rows = json::array();
  std::string after;
  for (int page = 0; page < 100; ++page) {
    fake::ParamMap paging = {{"limit", "7"}};
    if (!after.empty()) paging["after"] = after;
    const auto body = body_of(emulator->handle("GET", run + "/insights", paging));
    for (const auto& row : body["data"]) rows.push_back(row);
    if (!body["paging"].contains("next")) break;
    after = body["paging"]["cursors"]["after"];
  }
  CHECK(rows == insights(*emulator, kAccounts[0], params)["data"]);
}

TEST_CASE("insights refuse what Meta refuses, with its codes", "[fake][delivery]") {
  auto now = std::make_shared<std::string>(testing::kFixedNow);
  auto emulator = emulator_at(now);
  const auto error_of = [&](fake::ParamMap params) {
    return body_of(emulator->handle("GET", std::string(kAccounts[0]) + "/insights", params))["error"];
  };
  CHECK(error_of({{"fields", "spend,not_a_metric"}})["message"].get<std::string>().find("not_a_metric is not valid for fields param") != std::string::npos);
  CHECK(error_of({{"date_preset", "lifetime"}})["code"] == 100);
  CHECK(error_of({{"time_increment", "91"}})["code"] == 100);
  CHECK(error_of({{"breakdowns", "platform_position"}})["message"].get<std::string>().find("Current combination of data breakdown columns") != std::string::npos);
  CHECK(error_of({{"filtering", R"([{"field":"spend","operator":"ABOUT","value":1}])"}})["code"] == 100);
  const auto too_large = error_of({{"fields", "spend"}, {"level", "ad"}, {"date_preset", "maximum"},
                                   {"breakdowns", "publisher_platform,platform_position,impression_device"}});
  CHECK(too_large["code"] == 100);
  CHECK(too_large["error_subcode"] == 1487534);
}

TEST_CASE("every insights answer carries X-FB-Ads-Insights-Throttle, rising with use", "[fake][delivery]") {
  auto now = std::make_shared<std::string>(testing::kFixedNow);
  auto emulator = emulator_at(now);
  double last = -1;
  for (int i = 0; i < 3; ++i) {
    const auto response = emulator->handle("GET", std::string(kAccounts[0]) + "/insights", {{"fields", "spend"}});
    REQUIRE(response.headers.count("x-fb-ads-insights-throttle"));
    const auto header = json::parse(response.headers.at("x-fb-ads-insights-throttle"));
    CHECK(header["ads_api_access_tier"] == "standard_access");
    const double used = header["acc_id_util_pct"];
    CHECK(used > last);
    last = used;
  }
}
