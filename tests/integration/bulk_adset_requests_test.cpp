// bulk_update_adsets at its limit over the live path (CurlTransport → FakeGraphServer): 500 ad sets are 10 Batch
// API requests of 50, not 500 requests, and every item gets its own outcome. Counted at the HTTP server, so retries
// and reads the op adds would show.
#include <catch2/catch.hpp>

#include "support/fake_services.hpp"

using namespace fbmcp;
using nlohmann::json;

namespace {

constexpr const char* kAccount = "act_1029384756102938";
// Campaigns without a campaign budget (their ad sets hold budgets); Meta allows 200 ad sets per campaign.
constexpr const char* kCampaigns[] = {"120210000000000003", "120210000000000005", "120210000000000014"};

// Seeds `count` ad sets straight into the emulator (not counted: the server never sees these).
std::vector<std::string> seed_adsets(testing::HttpWorld& world, size_t count) {
  std::vector<std::string> ids;
  for (size_t i = 0; i < count; ++i) {
    auto answer = world.emulator->handle(
        "POST", std::string(kAccount) + "/adsets",
        {{"name", "Bulk " + std::to_string(i)}, {"campaign_id", kCampaigns[i % 3]}, {"optimization_goal", "LINK_CLICKS"},
         {"billing_event", "IMPRESSIONS"}, {"daily_budget", "1000"}, {"status", "ACTIVE"},
         {"targeting", R"({"geo_locations":{"countries":["US"]}})"}});
    const auto body = json::parse(answer.body, nullptr, false);
    REQUIRE(body.contains("id"));
    ids.push_back(body["id"].get<std::string>());
  }
  return ids;
}

struct Outcome {
  tool::ToolResult result;
  size_t http_requests;
};

Outcome bulk(testing::HttpWorld& world, const json& updates) {
  const auto before = world.server->http_requests();
  auto result = testing::call(*world.services, "bulk_update_adsets", {{"updates", updates}});
  return {result, world.server->http_requests() - before};
}

}  // namespace

TEST_CASE("bulk_update_adsets: pausing 500 ad sets takes at most 12 HTTP requests", "[integration][bulk_update_adsets]") {
  auto world = testing::http_world();
  const auto ids = seed_adsets(*world, 500);
  json updates = json::array();
  for (const auto& id : ids) updates.push_back({{"adset_id", id}, {"status", "PAUSED"}});

  const auto [result, requests] = bulk(*world, updates);
  INFO(result.text.substr(0, 2000));
  REQUIRE_FALSE(result.is_error);
  CHECK(result.structured["data"]["updated"] == 500);
  CHECK(result.structured["data"]["failed"] == 0);
  // Rows beyond the result's size budget are cut (with a note); the counts cover all 500.
  CHECK(result.structured["data"]["items"].size() > 100);
  CHECK(requests <= 12);
  auto one = testing::call(*world->services, "get_adset", {{"adset_id", ids[499]}});
  CHECK(one.structured["data"]["adset"]["status"] == "PAUSED");
}

TEST_CASE("bulk_update_adsets: lowering 500 budgets reads each once in batches and writes in batches",
          "[integration][bulk_update_adsets]") {
  auto world = testing::http_world();
  const auto ids = seed_adsets(*world, 500);
  json updates = json::array();
  for (const auto& id : ids) updates.push_back({{"adset_id", id}, {"daily_budget", {{"amount", "5.00"}}}});

  const auto [result, requests] = bulk(*world, updates);
  INFO(result.text.substr(0, 2000));
  REQUIRE_FALSE(result.is_error);
  CHECK(result.structured["data"]["updated"] == 500);
  // Reads: 50 ad sets by id (with their campaigns expanded), then the account and the other 450 through its adsets
  // edge filtered by id, in one batch; then 10 batches of writes (read_many.hpp).
  CHECK(requests <= 12);
  auto one = testing::call(*world->services, "get_adset", {{"adset_id", ids[499]}});
  CHECK(one.structured["data"]["adset"]["daily_budget"] == "5.00");  // the compact money form
}

TEST_CASE("bulk_update_adsets: items of another account and unknown ids still get their own answers",
          "[integration][bulk_update_adsets]") {
  auto world = testing::http_world();
  auto ids = seed_adsets(*world, 60);
  // After the first 50 (read by id), one ad set of a EUR account and an id Graph does not know: neither is found
  // through the USD account's filtered list, so each is read by id.
  ids.insert(ids.begin() + 55, "120211000000000037");
  ids.insert(ids.begin() + 56, "120219999999999999");
  json updates = json::array();
  for (const auto& id : ids) updates.push_back({{"adset_id", id}, {"daily_budget", {{"amount", "5.00"}}}});

  const auto [result, requests] = bulk(*world, updates);
  INFO(result.text.substr(0, 2000));
  REQUIRE_FALSE(result.is_error);
  CHECK(result.structured["data"]["updated"] == 61);
  CHECK(result.structured["data"]["failed"] == 1);
  const auto& items = result.structured["data"]["items"];
  REQUIRE(items.size() == 62);
  CHECK(items[55]["adset_id"] == "120211000000000037");
  CHECK(items[55]["ok"] == true);
  CHECK(items[55]["currency"] == "EUR");
  CHECK(items[55]["changes"]["daily_budget"]["before"] == "22.50");
  CHECK(items[56]["ok"] == false);
  CHECK(items[56]["error"]["graph"]["code"] == 100);
  CHECK(items[61]["ok"] == true);
  // 50 by id; the USD account and 12 ids through its list; the 2 others by id (and the EUR account); 2 writes.
  CHECK(requests <= 6);
  auto eur = testing::call(*world->services, "get_adset", {{"adset_id", "120211000000000037"}});
  CHECK(eur.structured["data"]["adset"]["daily_budget"] == "5.00");
}
