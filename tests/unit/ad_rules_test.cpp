// The emulator's ad rules (src/fake/rules/ad_rules.cpp) and the review state of new ads (fake/status_rules.cpp):
// each refusal carries Graph's code 100 and names the field.
#include <catch2/catch.hpp>

#include "support/fake_services.hpp"

using namespace fbmcp;
using nlohmann::json;

namespace {

json ad_body(const graph::HttpResponse& r) { return json::parse(r.body); }

constexpr const char* kAdAct = "act_1029384756102938";
constexpr const char* kActiveAdset = "120211000000000001";     // ACTIVE, campaign 120210000000000001 ACTIVE
constexpr const char* kPausedAdset = "120211000000000003";     // PAUSED, same campaign
constexpr const char* kArchivedAdset = "120211000000000016";
constexpr const char* kDeletedAdset = "120211000000000028";
constexpr const char* kOtherAccountAdset = "120211000000000034";  // act_…3847
constexpr const char* kCreative = "120213000000000001";
constexpr const char* kOtherCreative = "120213000000000002";
constexpr const char* kOtherAccountCreative = "120213000000000066";

fake::ParamMap good_ad(const std::string& adset_id = kActiveAdset) {
  return {{"name", "Ad"}, {"adset_id", adset_id}, {"creative", R"({"creative_id":"120213000000000001"})"},
          {"status", "PAUSED"}};
}

// The refusal's error object, after checking it is code 100 naming `field` in blame_field_specs and its text.
json refused_for(const graph::HttpResponse& response, const std::string& field) {
  REQUIRE(response.status == 400);
  const auto e = ad_body(response)["error"];
  CHECK(e["code"] == 100);
  CHECK(e["error_data"].get<std::string>().find("\"" + field + "\"") != std::string::npos);
  const auto text = e["message"].get<std::string>() + " " + e.value("error_user_msg", "");
  CHECK(text.find(field) != std::string::npos);
  return e;
}

std::string create(fake::GraphEmulator& emulator, fake::ParamMap params) {
  auto created = ad_body(emulator.handle("POST", std::string(kAdAct) + "/ads", params));
  REQUIRE(created.contains("id"));
  return created["id"];
}

std::string effective(fake::GraphEmulator& emulator, const std::string& id) {
  return ad_body(emulator.handle("GET", id, {{"fields", "effective_status"}}))["effective_status"];
}

}  // namespace

TEST_CASE("an ad is created in an ad set of the account and takes the ad set's campaign", "[fake][ads]") {
  auto services = testing::fake_services();
  auto& emulator = *services->emulator;
  auto p = good_ad();
  p["tracking_specs"] = R"([{"action.type":["offsite_conversion"],"fb_pixel":["1"]}])";
  const auto id = create(emulator, p);
  auto read = ad_body(emulator.handle(
      "GET", id, {{"fields", "account_id,adset_id,campaign_id,status,configured_status,effective_status,creative,"
                             "tracking_specs"}}));
  CHECK(read["account_id"] == "1029384756102938");
  CHECK(read["adset_id"] == kActiveAdset);
  CHECK(read["campaign_id"] == "120210000000000001");
  CHECK(read["status"] == "PAUSED");
  CHECK(read["configured_status"] == "PAUSED");
  CHECK(read["effective_status"] == "PAUSED");
  CHECK(read["creative"] == json{{"id", kCreative}});
  CHECK(read["tracking_specs"][0]["fb_pixel"][0] == "1");
  CHECK_FALSE(read.contains("review_reads_left"));  // bookkeeping never leaves the emulator
  CHECK(ad_body(emulator.handle("GET", std::string(kActiveAdset) + "/ads", {}))["data"].size() == 3);
}

TEST_CASE("ad create refuses what Graph refuses, naming the field", "[fake][ads]") {
  auto services = testing::fake_services();
  auto& emulator = *services->emulator;
  auto post = [&](fake::ParamMap p) { return emulator.handle("POST", std::string(kAdAct) + "/ads", p); };
  auto p = good_ad();

  SECTION("name is required") {
    p.erase("name");
    refused_for(post(p), "name");
  }
  SECTION("adset_id is required and must be a live ad set of this account") {
    p.erase("adset_id");
    refused_for(post(p), "adset_id");
    for (const char* adset : {kArchivedAdset, kDeletedAdset, kOtherAccountAdset, "120211999999999999"}) {
      refused_for(post(good_ad(adset)), "adset_id");
    }
  }
  SECTION("creative is required, as {\"creative_id\": …} of a creative of this account") {
    p.erase("creative");
    refused_for(post(p), "creative");
    for (const char* shape : {R"("120213000000000001")", R"({"id":"120213000000000001"})", R"([1])"}) {
      p["creative"] = shape;
      refused_for(post(p), "creative");
    }
    p["creative"] = json{{"creative_id", kOtherAccountCreative}}.dump();
    refused_for(post(p), "creative");
  }
  SECTION("status is ACTIVE or PAUSED at creation") {
    p["status"] = "ARCHIVED";
    refused_for(post(p), "status");
    p["status"] = "RUNNING";
    refused_for(post(p), "status");
  }
  SECTION("tracking_specs is a list of objects") {
    p["tracking_specs"] = R"({"action.type":["offsite_conversion"]})";
    refused_for(post(p), "tracking_specs");
  }
  SECTION("validate_only checks the same and creates nothing") {
    const auto before = ad_body(emulator.handle("GET", std::string(kActiveAdset) + "/ads", {}))["data"].size();
    p["execution_options"] = R"(["validate_only"])";
    CHECK(ad_body(post(p)) == json{{"success", true}});
    p["adset_id"] = kArchivedAdset;
    refused_for(post(p), "adset_id");
    CHECK(ad_body(emulator.handle("GET", std::string(kActiveAdset) + "/ads", {}))["data"].size() == before);
  }
}

TEST_CASE("an activated new ad is PENDING_REVIEW on its first read and ACTIVE on a later one", "[fake][ads]") {
  auto services = testing::fake_services();
  auto& emulator = *services->emulator;
  SECTION("created ACTIVE") {
    auto p = good_ad();
    p["status"] = "ACTIVE";
    const auto id = create(emulator, p);
    CHECK(effective(emulator, id) == "PENDING_REVIEW");
    CHECK(effective(emulator, id) == "ACTIVE");
    CHECK(effective(emulator, id) == "ACTIVE");
  }
  SECTION("created PAUSED: the review waits until it is activated") {
    const auto id = create(emulator, good_ad());
    CHECK(effective(emulator, id) == "PAUSED");
    CHECK(effective(emulator, id) == "PAUSED");
    REQUIRE(emulator.handle("POST", id, {{"status", "ACTIVE"}}).status == 200);
    CHECK(effective(emulator, id) == "PENDING_REVIEW");
    CHECK(effective(emulator, id) == "ACTIVE");
  }
  SECTION("in a paused ad set: ADSET_PAUSED, reviewed once the ad set runs") {
    auto p = good_ad(kPausedAdset);
    p["status"] = "ACTIVE";
    const auto id = create(emulator, p);
    CHECK(effective(emulator, id) == "ADSET_PAUSED");
    REQUIRE(emulator.handle("POST", kPausedAdset, {{"status", "ACTIVE"}}).status == 200);
    CHECK(effective(emulator, id) == "PENDING_REVIEW");
    CHECK(effective(emulator, id) == "ACTIVE");
  }
  SECTION("a new creative on an approved ad is reviewed again") {
    const std::string ad = "120212000000000001";  // fixture ad, ACTIVE and approved
    CHECK(effective(emulator, ad) == "ACTIVE");
    REQUIRE(emulator.handle("POST", ad, {{"creative", json{{"creative_id", kOtherCreative}}.dump()}}).status == 200);
    CHECK(effective(emulator, ad) == "PENDING_REVIEW");
    CHECK(effective(emulator, ad) == "ACTIVE");
    CHECK(ad_body(emulator.handle("GET", ad, {{"fields", "creative"}}))["creative"]["id"] == kOtherCreative);
  }
  SECTION("an approved ad paused and resumed is ACTIVE at once") {
    const std::string ad = "120212000000000001";
    REQUIRE(emulator.handle("POST", ad, {{"status", "PAUSED"}}).status == 200);
    REQUIRE(emulator.handle("POST", ad, {{"status", "ACTIVE"}}).status == 200);
    CHECK(effective(emulator, ad) == "ACTIVE");
  }
}

TEST_CASE("ad updates and deletes follow Graph's rules", "[fake][ads]") {
  auto services = testing::fake_services();
  auto& emulator = *services->emulator;
  const std::string ad = "120212000000000001";
  SECTION("name and tracking specs change") {
    REQUIRE(emulator.handle("POST", ad, {{"name", "Renamed"}, {"tracking_specs", "[]"}}).status == 200);
    auto read = ad_body(emulator.handle("GET", ad, {{"fields", "name,tracking_specs"}}));
    CHECK(read["name"] == "Renamed");
    CHECK(read["tracking_specs"] == json::array());
  }
  SECTION("refusals name the field") {
    refused_for(emulator.handle("POST", ad, {{"creative", json{{"creative_id", kOtherAccountCreative}}.dump()}}),
                "creative");
    refused_for(emulator.handle("POST", ad, {{"adset_id", "120211000000000002"}}), "adset_id");
    refused_for(emulator.handle("POST", ad, {{"status", "RUNNING"}}), "status");
    refused_for(emulator.handle("POST", ad, {{"name", ""}}), "name");
    // An archived ad changes only its name and can be deleted.
    refused_for(emulator.handle("POST", "120212000000000031", {{"status", "ACTIVE"}}), "status");
    CHECK(emulator.handle("POST", "120212000000000031", {{"name", "Old"}}).status == 200);
  }
  SECTION("pausing the ad set shows ADSET_PAUSED, pausing the campaign CAMPAIGN_PAUSED") {
    REQUIRE(emulator.handle("POST", kActiveAdset, {{"status", "PAUSED"}}).status == 200);
    CHECK(effective(emulator, ad) == "ADSET_PAUSED");
    REQUIRE(emulator.handle("POST", "120210000000000001", {{"status", "PAUSED"}}).status == 200);
    CHECK(effective(emulator, ad) == "CAMPAIGN_PAUSED");
  }
  SECTION("DELETE marks it DELETED, and a deleted ad can't be edited") {
    CHECK(ad_body(emulator.handle("DELETE", ad, {})) == json{{"success", true}});
    CHECK(ad_body(emulator.handle("GET", ad, {{"fields", "status,effective_status"}}))["status"] == "DELETED");
    refused_for(emulator.handle("POST", ad, {{"name", "x"}}), "status");
  }
}

TEST_CASE("ad copies land PAUSED in an ad set of the same account", "[fake][ads]") {
  auto services = testing::fake_services();
  auto& emulator = *services->emulator;
  const std::string ad = "120212000000000001";
  auto copied = ad_body(emulator.handle("POST", ad + "/copies", {{"adset_id", "120211000000000004"}}));
  REQUIRE(copied.contains("copied_ad_id"));
  auto read = ad_body(emulator.handle("GET", copied["copied_ad_id"],
                                      {{"fields", "name,status,adset_id,campaign_id,creative,source_ad_id"}}));
  CHECK(read["status"] == "PAUSED");
  CHECK(read["adset_id"] == "120211000000000004");
  CHECK(read["campaign_id"] == "120210000000000002");
  CHECK(read["creative"]["id"] == kCreative);
  CHECK(read["source_ad_id"] == ad);
  CHECK(read["name"].get<std::string>().ends_with(" - Copy"));
  refused_for(emulator.handle("POST", ad + "/copies", {{"adset_id", kArchivedAdset}}), "adset_id");
  refused_for(emulator.handle("POST", ad + "/copies", {{"adset_id", kOtherAccountAdset}}), "adset_id");
}

TEST_CASE("an inline creative spec makes a creative with the ad, checked as /adcreatives checks it", "[fake][ads]") {
  auto services = testing::fake_services();
  auto& emulator = *services->emulator;
  const std::string spec =
      R"({"name":"Inline","object_story_spec":{"page_id":"104857600000001","link_data":{"link":"https://x.example",)"
      R"("image_hash":"fe5067706fde605fcc635835a1e52fc8","call_to_action":{"type":"SHOP_NOW"}}}})";
  const size_t creatives_before = emulator.count("adcreative");

  SECTION("a dry run checks it and stores nothing") {
    auto p = good_ad();
    p["creative"] = spec;
    p["execution_options"] = R"(["validate_only"])";
    auto checked = emulator.handle("POST", std::string(kAdAct) + "/ads", p);
    CHECK(checked.status == 200);
    CHECK(emulator.count("adcreative") == creatives_before);
  }
  SECTION("made: the ad shows the new creative, which is the account's") {
    auto p = good_ad();
    p["creative"] = spec;
    const auto id = create(emulator, p);
    CHECK(emulator.count("adcreative") == creatives_before + 1);
    const auto creative_id = ad_body(emulator.handle("GET", id, {{"fields", "creative"}}))["creative"]["id"];
    const auto creative = ad_body(emulator.handle("GET", creative_id, {{"fields", "account_id,name,object_type"}}));
    CHECK(creative["account_id"] == "1029384756102938");
    CHECK(creative["name"] == "Inline");
    CHECK(creative["object_type"] == "SHARE");
  }
  SECTION("a spec /adcreatives would refuse is refused, and neither ad nor creative is made") {
    const size_t ads_before = emulator.count("ad");
    auto p = good_ad();
    p["creative"] =
        R"({"object_story_spec":{"page_id":"104857600000001","link_data":{"link":"https://x.example",)"
        R"("image_hash":"00000000000000000000000000000000"}}})";
    auto refused = emulator.handle("POST", std::string(kAdAct) + "/ads", p);
    CHECK(refused.status == 400);
    CHECK(emulator.count("adcreative") == creatives_before);
    CHECK(emulator.count("ad") == ads_before);
  }
  SECTION("bad tracking specs after a good spec leave no creative behind") {
    auto p = good_ad();
    p["creative"] = spec;
    p["tracking_specs"] = "[1]";
    CHECK(emulator.handle("POST", std::string(kAdAct) + "/ads", p).status == 400);
    CHECK(emulator.count("adcreative") == creatives_before);
  }
}

TEST_CASE("a creative can be deleted, and an ad can no longer use it", "[fake][ads]") {
  auto services = testing::fake_services();
  auto& emulator = *services->emulator;
  CHECK(emulator.handle("DELETE", kOtherCreative, {}).status == 200);
  CHECK(ad_body(emulator.handle("GET", kOtherCreative, {{"fields", "status"}}))["status"] == "DELETED");
  auto p = good_ad();
  p["creative"] = std::string(R"({"creative_id":")") + kOtherCreative + "\"}";
  refused_for(emulator.handle("POST", std::string(kAdAct) + "/ads", p), "creative");
}
