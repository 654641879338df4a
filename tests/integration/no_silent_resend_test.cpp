// A create must never be re-sent behind the caller's back. fake-graph's close_after_apply fault applies the POST and
// then closes the kept-alive connection without a byte of answer — the case where libcurl re-sends a request on its
// own. The transport must refuse to, so the idempotency layer reconciles instead: exactly one campaign.
#include <httplib.h>

#include "integration/live_faults.hpp"

using namespace fbmcp;
using namespace fbmcp::testing;
using nlohmann::json;

namespace {

httplib::Client control_client(HttpWorld& world) {
  const auto url = world.server->base_url();
  return httplib::Client("127.0.0.1", std::stoi(url.substr(url.rfind(':') + 1)));
}

}  // namespace

TEST_CASE("fake-graph's control endpoints answer on 127.0.0.1", "[live][fake_server][faults]") {
  auto world = http_world();
  auto client = control_client(*world);
  auto stats = client.Get("/__control/stats");
  REQUIRE(stats);
  CHECK(stats->status == 200);
  CHECK(json::parse(stats->body)["objects"]["campaign"].get<int>() > 0);
  const json spec = {{"kind", "close_after_apply"}, {"method", "POST"}, {"path", "campaigns$"}};
  auto armed = client.Post("/__control/faults", spec.dump(), "application/json");
  REQUIRE(armed);
  CHECK(armed->status == 200);
  auto listed = client.Get("/__control/faults");
  REQUIRE(listed);
  const auto faults = json::parse(listed->body);
  REQUIRE(faults.size() == 1);
  CHECK(faults[0]["kind"] == "close_after_apply");
  auto bad = client.Post("/__control/faults", R"({"kind":"body","status":"two hundred"})", "application/json");
  REQUIRE(bad);
  CHECK(bad->status == 400);
  CHECK(json::parse(bad->body)["error"].get<std::string>().find("status") != std::string::npos);
  auto cleared = client.Delete("/__control/faults");
  REQUIRE(cleared);
  CHECK(json::parse(client.Get("/__control/faults")->body).empty());
}

TEST_CASE("a create applied on a kept-alive connection that then closes unanswered is made once",
          "[live][faults][idempotency]") {
  testing::HttpWorldOptions options;
  options.fixed_clock = false;  // reconciliation compares Meta's created_time with our clock
  auto world = http_world(options);
  // Warm a kept-alive connection: the create's POST rides it.
  REQUIRE_FALSE(call_op(*world, "get_campaign", {{"campaign_id", kActiveCampaign}}).is_error);
  const auto requests_before = world->server->http_requests();
  arm(*world, {{"kind", "close_after_apply"}, {"method", "POST"}, {"path", "campaigns$"}});
  const std::string name = "Closed Unanswered";
  const auto r = call_op(*world, "create_campaign", create_campaign_args(name));
  INFO(r.text);
  CHECK(campaigns_named(*world, name) == 1);
  CHECK(world->server->faults().describe().empty());  // the fault fired
  if (r.is_error) {
    // The only acceptable error says the outcome is unknown.
    CHECK(r.structured["error"]["message"].get<std::string>().find("outcome unknown") != std::string::npos);
  } else {
    CHECK(r.structured["data"]["campaign"]["name"] == name);
    CHECK(r.structured["warnings"].dump().find("not created twice") != std::string::npos);
  }
  CHECK(world->server->http_requests() > requests_before);
  // The server and the client's connection pool both recover.
  CHECK_FALSE(call_op(*world, "list_campaigns", {{"ad_account_id", kUsdAccount}, {"limit", 2}}).is_error);
}

TEST_CASE("an idempotent write whose connection closes unanswered may be re-sent, and lands once",
          "[live][faults]") {
  auto world = http_world();
  REQUIRE_FALSE(call_op(*world, "get_campaign", {{"campaign_id", kActiveCampaign}}).is_error);
  arm(*world, {{"kind", "close_after_apply"}, {"method", "POST"}, {"path", std::string(kActiveCampaign) + "$"}});
  const auto r = call_op(*world, "pause_campaign", {{"campaign_id", kActiveCampaign}});
  INFO(r.text);
  CHECK_FALSE(r.is_error);
  CHECK(campaign_status(*world, kActiveCampaign) == "PAUSED");
}

// Creatives have no created_time (Meta SDK AdCreative.Field): the one a lost create made is told apart from an older
// creative of the same name by the ids that had that name before the attempt.
TEST_CASE("a creative whose create answer is lost is found once, never claiming an older namesake",
          "[live][faults][idempotency]") {
  auto world = http_world();
  const json creative = {{"ad_account_id", kUsdAccount},
                         {"name", "Lost Answer Creative"},
                         {"page_id", "104857600000001"},
                         {"link", "https://shop.example.com/boots"},
                         {"image_hash", "fe5067706fde605fcc635835a1e52fc8"}};
  const auto older = call_op(*world, "create_creative", creative);
  REQUIRE_FALSE(older.is_error);
  const std::string older_id = older.structured["data"]["id"];
  arm(*world, {{"kind", "close_after_apply"}, {"method", "POST"}, {"path", "adcreatives$"}});
  auto again = creative;
  again["idempotency_key"] = "lost-answer-creative-2";  // a deliberate second creative of the same name
  const auto r = call_op(*world, "create_creative", again);
  INFO(r.text);
  REQUIRE_FALSE(r.is_error);
  CHECK(r.structured["data"]["id"] != older_id);
  CHECK(r.structured["warnings"].dump().find("not created twice") != std::string::npos);
  const json filtering = {{{"field", "name"}, {"operator", "EQUAL"}, {"value", "Lost Answer Creative"}}};
  const auto listed = json::parse(world->emulator->handle("GET", std::string(kUsdAccount) + "/adcreatives",
                                                          {{"filtering", filtering.dump()}, {"limit", "50"}})
                                      .body);
  CHECK(listed["data"].size() == 2);
}
