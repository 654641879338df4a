// launch_ad end to end: in fake mode and through the live client (CurlTransport) against fake-graph over HTTP, a
// launch makes campaign, ad set, creative and ad PAUSED in one batch; a launch whose creative step Meta refuses
// leaves no new object behind (counted in the emulator) and names every step's outcome.
#include <catch2/catch.hpp>

#include "support/fake_services.hpp"
#include "support/sample_launch.hpp"
#include "crypto/base64.hpp"
#include "support/sample_images.hpp"

using namespace fbmcp;
using nlohmann::json;

namespace {

constexpr const char* kKinds[] = {"campaign", "adset", "adcreative", "ad"};

json launch_args() { return testing::sample_launch_args(); }

std::vector<size_t> live_counts(const fake::GraphEmulator& emulator) {
  std::vector<size_t> counts;
  for (const char* kind : kKinds) counts.push_back(emulator.count_not_deleted(kind));
  return counts;
}

// Meta refuses this call to action (fake/rules/creative_rules.cpp checks the SDK's enum), which the pre-flight does
// not check: the creative step fails inside the batch, after the campaign and ad set were made.
json failing_launch_args() { return testing::sample_launch_failing_at_the_creative(); }

void check_rolled_back(const tool::ToolResult& result) {
  REQUIRE(result.is_error);
  const auto& error = result.structured["error"];
  CHECK(error["path"] == "args.creative.call_to_action_type");
  CHECK(error["message"].get<std::string>().find("stopped at the creative step") != std::string::npos);
  CHECK(error["message"].get<std::string>().find("nothing was left behind") != std::string::npos);
  const auto& steps = error["detail"]["steps"];
  REQUIRE(steps.size() == 4);
  CHECK(steps[0]["step"] == "campaign");
  CHECK(steps[0]["outcome"] == "deleted");
  CHECK(steps[1]["outcome"] == "deleted");
  CHECK(steps[2]["outcome"] == "failed");
  CHECK(steps[3]["outcome"] == "not_made");
}

}  // namespace

TEST_CASE("launch_ad whose creative step fails leaves zero new objects (fake mode)", "[launch_ad]") {
  auto services = testing::fake_services();
  const auto before = live_counts(*services->emulator);
  check_rolled_back(testing::call(*services, "launch_ad", failing_launch_args()));
  CHECK(live_counts(*services->emulator) == before);
}

TEST_CASE("launch_ad through the live client against fake-graph over HTTP", "[launch_ad][http]") {
  auto world = testing::http_world();
  auto& emulator = *world->emulator;
  const auto before = live_counts(emulator);

  SECTION("a failed creative step is rolled back over the wire too") {
    check_rolled_back(testing::call(*world->services, "launch_ad", failing_launch_args()));
    CHECK(live_counts(emulator) == before);
  }
  SECTION("an image from base64, then every step in one batch, all PAUSED") {
    auto args = launch_args();
    args["creative"].erase("image_hash");
    args["image"] = {{"image_base64", crypto::base64_encode(testing::png_1x1())}};
    const size_t requests_before = emulator.requests_served();
    auto result = testing::call(*world->services, "launch_ad", args);
    REQUIRE_FALSE(result.is_error);
    const auto& ids = result.structured["data"]["ids"];
    auto after = live_counts(emulator);
    for (size_t i = 0; i < after.size(); ++i) CHECK(after[i] == before[i] + 1);
    // The ad shows the new creative in the new ad set of the new campaign, all PAUSED.
    auto ad = testing::call(*world->services, "get_ad", {{"ad_id", ids["ad_id"]}});
    REQUIRE_FALSE(ad.is_error);
    const auto& shown = ad.structured["data"]["ad"];
    CHECK(shown["status"] == "PAUSED");
    CHECK(shown["adset_id"] == ids["adset_id"]);
    CHECK(shown["campaign_id"] == ids["campaign_id"]);
    CHECK(shown["creative"]["id"] == ids["creative_id"]);
    auto creative = testing::call(*world->services, "get_creative", {{"creative_id", ids["creative_id"]}});
    REQUIRE_FALSE(creative.is_error);
    CHECK(creative.structured["data"]["creative"]["image_hash"] == ids["image_hash"]);
    auto campaign = testing::call(*world->services, "get_campaign", {{"campaign_id", ids["campaign_id"]}});
    CHECK(campaign.structured["data"]["campaign"]["status"] == "PAUSED");
    // The four creates are one batch: pre-flight reads, the image, the batch, and the checks above.
    INFO("Graph calls served: " << emulator.requests_served() - requests_before);
    CHECK(emulator.requests_served() - requests_before <= 16);
  }
}

TEST_CASE("launch_ad whose batch answer is lost finds what Meta made by name, once", "[launch_ad][http]") {
  testing::HttpWorldOptions options;
  options.fixed_clock = false;  // reconciliation compares created_time with the attempt's start
  auto world = testing::http_world(options);
  auto& emulator = *world->emulator;
  const auto before = live_counts(emulator);
  // The batch is applied, then the connection closes without a byte of answer: the transport must not re-send it.
  auto fault = fake::parse_fault({{"kind", "close_after_apply"}, {"method", "POST"}, {"path", "^/(v[0-9.]+)?/?$"}});
  REQUIRE(fault);
  world->server->faults().add(*fault);
  auto result = testing::call(*world->services, "launch_ad", launch_args());
  INFO(result.structured.dump(2));
  REQUIRE_FALSE(result.is_error);
  for (const auto& step : result.structured["data"]["steps"]) {
    CHECK(step["outcome"] == "made");
    CHECK(step["note"].get<std::string>().find("answer was lost") != std::string::npos);
  }
  auto after = live_counts(emulator);
  for (size_t i = 0; i < after.size(); ++i) CHECK(after[i] == before[i] + 1);
}

TEST_CASE("launch_ad called again with the same args returns the first launch, not a second one", "[launch_ad]") {
  auto services = testing::fake_services();
  const auto before = live_counts(*services->emulator);
  auto first = testing::call(*services, "launch_ad", launch_args());
  REQUIRE_FALSE(first.is_error);
  auto again = testing::call(*services, "launch_ad", launch_args());
  REQUIRE_FALSE(again.is_error);
  CHECK(again.structured["data"]["already_launched"] == true);
  const auto& ids = first.structured["data"]["ids"];
  for (const char* id : {"campaign_id", "adset_id", "creative_id", "ad_id"}) {
    CHECK(again.structured["data"]["ids"][id] == ids[id]);
  }
  auto after = live_counts(*services->emulator);
  for (size_t i = 0; i < after.size(); ++i) CHECK(after[i] == before[i] + 1);
  // A deliberate second launch says so with its own key.
  auto args = launch_args();
  args["idempotency_key"] = "second-launch";
  auto second = testing::call(*services, "launch_ad", args);
  REQUIRE_FALSE(second.is_error);
  CHECK(second.structured["data"]["ids"]["campaign_id"] != ids["campaign_id"]);
}

TEST_CASE("launch_ad into an existing campaign rolls back only what it made", "[launch_ad]") {
  auto services = testing::fake_services();
  const auto before = live_counts(*services->emulator);
  auto args = failing_launch_args();
  args.erase("campaign");
  args["campaign_id"] = "120210000000000003";  // ad-set budgets
  args["adset"]["daily_budget"] = {{"amount", "20.00"}};
  auto result = testing::call(*services, "launch_ad", args);
  REQUIRE(result.is_error);
  const auto& steps = result.structured["error"]["detail"]["steps"];
  REQUIRE(steps.size() == 3);  // no campaign step: the campaign exists
  CHECK(steps[0]["step"] == "adset");
  CHECK(steps[0]["outcome"] == "deleted");
  CHECK(steps[1]["outcome"] == "failed");
  CHECK(live_counts(*services->emulator) == before);
  auto campaign = testing::call(*services, "get_campaign", {{"campaign_id", "120210000000000003"}});
  REQUIRE_FALSE(campaign.is_error);
  CHECK(campaign.structured["data"]["campaign"]["status"] != "DELETED");
}
