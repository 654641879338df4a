// The emulator's creative rules (src/fake/rules/creative_rules.cpp): what POST act_<id>/adcreatives takes, how the
// creative reads back, and each refusal as code 100 blaming the field.
#include <catch2/catch.hpp>

#include "support/fake_services.hpp"

using namespace fbmcp;
using nlohmann::json;

namespace {

constexpr const char* kCreativeAct = "act_1029384756102938";
constexpr const char* kPage = "104857600000001";
constexpr const char* kHash = "fe5067706fde605fcc635835a1e52fc8";  // fixtures/adimages.json, account …2938

json creative_body(const graph::HttpResponse& r) { return json::parse(r.body); }

json link_spec() {
  return {{"page_id", kPage},
          {"link_data",
           {{"link", "https://northwind.example/sale"},
            {"image_hash", kHash},
            {"call_to_action", {{"type", "SHOP_NOW"}, {"value", {{"link", "https://northwind.example/sale"}}}}}}}};
}

graph::HttpResponse post_creative(fake::GraphEmulator& emulator, const json& spec) {
  return emulator.handle("POST", std::string(kCreativeAct) + "/adcreatives",
                         {{"name", "C"}, {"object_story_spec", spec.dump()}});
}

// Code 100 with `field` blamed, and `mention` in the text a person reads.
void check_refused(const graph::HttpResponse& response, const std::string& field, const std::string& mention) {
  REQUIRE(response.status == 400);
  const auto e = creative_body(response)["error"];
  CHECK(e["code"] == 100);
  CHECK(e["error_data"].dump().find(field) != std::string::npos);
  const auto text = e["message"].get<std::string>() + " " + e.value("error_user_msg", "");
  CHECK(text.find(mention) != std::string::npos);
}

}  // namespace

TEST_CASE("a link creative reads back with Graph's derived fields", "[fake][creatives]") {
  auto services = testing::fake_services();
  auto& emulator = *services->emulator;
  auto created = creative_body(post_creative(emulator, link_spec()));
  REQUIRE(created.contains("id"));
  auto read = creative_body(emulator.handle(
      "GET", created["id"],
      {{"fields", "id,name,account_id,status,object_type,image_hash,thumbnail_url,call_to_action_type,"
                  "effective_object_story_id,object_story_spec"}}));
  CHECK(read["account_id"] == "1029384756102938");
  CHECK(read["status"] == "ACTIVE");
  CHECK(read["object_type"] == "SHARE");
  CHECK(read["image_hash"] == kHash);
  CHECK(read["call_to_action_type"] == "SHOP_NOW");
  CHECK(read["effective_object_story_id"].get<std::string>().rfind(std::string(kPage) + "_", 0) == 0);
  CHECK(read["object_story_spec"] == link_spec());
}

TEST_CASE("validate_only checks a creative and stores nothing", "[fake][creatives]") {
  auto services = testing::fake_services();
  auto& emulator = *services->emulator;
  auto r = emulator.handle("POST", std::string(kCreativeAct) + "/adcreatives",
                           {{"name", "C"}, {"object_story_spec", link_spec().dump()},
                            {"execution_options", R"(["validate_only"])"}});
  CHECK(creative_body(r) == json{{"success", true}});
}

TEST_CASE("creative refusals name the field", "[fake][creatives]") {
  auto services = testing::fake_services();
  auto& emulator = *services->emulator;
  SECTION("no story at all") {
    check_refused(emulator.handle("POST", std::string(kCreativeAct) + "/adcreatives", {{"name", "C"}}),
                  "object_story_spec", "object_story_id");
  }
  SECTION("a page the token cannot use, named with the usable ones") {
    auto spec = link_spec();
    spec["page_id"] = "104857600000099";
    check_refused(post_creative(emulator, spec), "object_story_spec[page_id]", "104857600000001 (Northwind Outfitters)");
  }
  SECTION("an image the account does not have") {
    auto spec = link_spec();
    spec["link_data"]["image_hash"] = "0123456789abcdef0123456789abcdef";
    check_refused(post_creative(emulator, spec), "image_hash", "0123456789abcdef0123456789abcdef");
  }
  SECTION("a call to action type Meta does not have") {
    auto spec = link_spec();
    spec["link_data"]["call_to_action"]["type"] = "CLICK_HERE";
    check_refused(post_creative(emulator, spec), "call_to_action", "CLICK_HERE");
  }
  SECTION("another page's Instagram account") {
    auto spec = link_spec();
    spec["instagram_user_id"] = "17841400000000002";
    check_refused(post_creative(emulator, spec), "instagram_user_id", "17841400000000001");
  }
  SECTION("a link ad without link") {
    auto spec = link_spec();
    spec["link_data"].erase("link");
    check_refused(post_creative(emulator, spec), "link", "link");
  }
  SECTION("a carousel of one card") {
    auto spec = link_spec();
    spec["link_data"]["child_attachments"] = json::array({{{"link", "https://a.example"}, {"image_hash", kHash}}});
    check_refused(post_creative(emulator, spec), "child_attachments", "2 to 10");
  }
  SECTION("a video without a thumbnail") {
    json spec = {{"page_id", kPage}, {"video_data", {{"video_id", "1"}}}};
    check_refused(post_creative(emulator, spec), "video_data", "thumbnail");
  }
  SECTION("a page post of a page the token cannot use") {
    check_refused(emulator.handle("POST", std::string(kCreativeAct) + "/adcreatives",
                                  {{"name", "C"}, {"object_story_id", "999_1"}}),
                  "object_story_id", "999");
  }
}

TEST_CASE("a creative takes a new name but not new content", "[fake][creatives]") {
  auto services = testing::fake_services();
  auto& emulator = *services->emulator;
  const std::string id = "120213000000000001";
  CHECK(creative_body(emulator.handle("POST", id, {{"name", "Renamed"}})) == json{{"success", true}});
  CHECK(creative_body(emulator.handle("GET", id, {{"fields", "name"}}))["name"] == "Renamed");
  check_refused(emulator.handle("POST", id, {{"object_story_spec", link_spec().dump()}}), "object_story_spec",
                "object_story_spec");
}
