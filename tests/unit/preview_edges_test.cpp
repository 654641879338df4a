// The emulator's preview edges (GET /<ad_id>/previews, /<creative_id>/previews, /act_<id>/generatepreviews) and the
// page behind the URLs they hand out.
#include <catch2/catch.hpp>

#include "graph/form_encoding.hpp"
#include "support/fake_services.hpp"

using namespace fbmcp;
using nlohmann::json;

namespace {

constexpr const char* kPreviewAct = "act_1029384756102938";
constexpr const char* kPreviewAd = "120212000000000001";
constexpr const char* kPreviewCreative = "120213000000000001";

json preview_body(const graph::HttpResponse& r) { return json::parse(r.body); }

// d and t from the iframe Graph answered: src="…?d=<d>&amp;t=<t>".
fake::ParamMap token_of(const json& answer) {
  const std::string body = answer["data"][0]["body"];
  const auto q = body.find('?');
  const auto end = body.find('"', q);
  std::string query = body.substr(q + 1, end - q - 1);
  const auto amp = query.find("&amp;");
  REQUIRE(amp != std::string::npos);
  query.replace(amp, 5, "&");
  fake::ParamMap params;
  for (auto& [key, value] : graph::form_decode(query)) params[key] = value;
  return params;
}

}  // namespace

TEST_CASE("ad and creative previews answer Graph's iframe, the same for the same request", "[fake][preview_ad]") {
  auto services = testing::fake_services();
  auto& emulator = *services->emulator;
  for (const std::string& path : {std::string(kPreviewAd) + "/previews", std::string(kPreviewCreative) + "/previews"}) {
    INFO(path);
    auto r = emulator.handle("GET", path, {{"ad_format", "DESKTOP_FEED_STANDARD"}});
    REQUIRE(r.status == 200);
    const std::string body = preview_body(r)["data"][0]["body"];
    CHECK(body.starts_with("<iframe src=\"https://graph.facebook.com/ads/api/preview_iframe.php?d="));
    CHECK(body.find("&amp;t=") != std::string::npos);
    CHECK(body.ends_with("width=\"540\" height=\"690\" scrolling=\"yes\" style=\"border: none;\"></iframe>"));
    CHECK(emulator.handle("GET", path, {{"ad_format", "DESKTOP_FEED_STANDARD"}}).body == r.body);
  }
  // The ad previews its creative: the same page.
  auto by_ad = token_of(preview_body(emulator.handle("GET", std::string(kPreviewAd) + "/previews", {{"ad_format", "MOBILE_FEED_STANDARD"}})));
  auto by_creative = token_of(preview_body(emulator.handle("GET", std::string(kPreviewCreative) + "/previews", {{"ad_format", "MOBILE_FEED_STANDARD"}})));
  CHECK(emulator.preview_page(by_ad).body == emulator.preview_page(by_creative).body);
  auto sized = preview_body(emulator.handle("GET", std::string(kPreviewAd) + "/previews",
                                            {{"ad_format", "MOBILE_FEED_STANDARD"}, {"width", "400"}, {"height", "300"}}));
  CHECK(sized["data"][0]["body"].get<std::string>().find("width=\"400\" height=\"300\"") != std::string::npos);
}

TEST_CASE("preview params are checked as Graph checks them (code 100 naming the param)", "[fake][preview_ad]") {
  auto services = testing::fake_services();
  auto& emulator = *services->emulator;
  const std::string path = std::string(kPreviewAd) + "/previews";
  auto missing = preview_body(emulator.handle("GET", path, {}));
  CHECK(missing["error"]["code"] == 100);
  CHECK(missing["error"]["message"] == "(#100) The parameter ad_format is required");
  auto wrong = preview_body(emulator.handle("GET", path, {{"ad_format", "MOBILE_FEED"}}));
  CHECK(wrong["error"]["code"] == 100);
  CHECK(wrong["error"]["message"].get<std::string>().starts_with("(#100) Param ad_format must be one of {"));
  CHECK(wrong["error"]["message"].get<std::string>().find("MOBILE_FEED_STANDARD") != std::string::npos);
  auto render = preview_body(emulator.handle("GET", path, {{"ad_format", "MOBILE_FEED_STANDARD"}, {"render_type", "X"}}));
  CHECK(render["error"]["code"] == 100);
  auto width = preview_body(emulator.handle("GET", path, {{"ad_format", "MOBILE_FEED_STANDARD"}, {"width", "-3"}}));
  CHECK(width["error"]["error_data"].dump().find("width") != std::string::npos);
  // Campaigns have no previews edge.
  CHECK(preview_body(emulator.handle("GET", "120210000000000001/previews", {{"ad_format", "MOBILE_FEED_STANDARD"}}))["error"]["code"] == 2500);
}

TEST_CASE("generatepreviews checks the creative spec with the rules creatives are made with", "[fake][preview_ad]") {
  auto services = testing::fake_services();
  auto& emulator = *services->emulator;
  const std::string path = std::string(kPreviewAct) + "/generatepreviews";
  const size_t creatives_before = emulator.count("adcreative");
  json spec = {{"object_story_spec",
                {{"page_id", "104857600000001"},
                 {"link_data",
                  {{"link", "https://northwind.example/sale"},
                   {"name", "Headline <b>here</b>"},
                   {"image_hash", "fe5067706fde605fcc635835a1e52fc8"},
                   {"call_to_action", {{"type", "SHOP_NOW"}}}}}}}};
  auto ok = emulator.handle("GET", path, {{"ad_format", "INSTAGRAM_STANDARD"}, {"creative", spec.dump()}});
  REQUIRE(ok.status == 200);
  CHECK(emulator.count("adcreative") == creatives_before);  // nothing is stored
  auto page = emulator.preview_page(token_of(preview_body(ok)));
  CHECK(page.status == 200);
  CHECK(page.headers["content-type"].starts_with("text/html"));
  CHECK(page.body.find("Headline &lt;b&gt;here&lt;/b&gt;") != std::string::npos);
  CHECK(page.body.find(">Shop now</button>") != std::string::npos);
  CHECK(page.body.find("https://scontent.example.invalid/adimg/fe5067706fde605fcc635835a1e52fc8.jpg") != std::string::npos);

  spec["object_story_spec"]["link_data"]["call_to_action"]["type"] = "CLICK_HERE";
  auto bad_cta = preview_body(emulator.handle("GET", path, {{"ad_format", "INSTAGRAM_STANDARD"}, {"creative", spec.dump()}}));
  CHECK(bad_cta["error"]["code"] == 100);
  CHECK(bad_cta["error"]["error_data"].dump().find("call_to_action") != std::string::npos);
  auto no_creative = preview_body(emulator.handle("GET", path, {{"ad_format", "INSTAGRAM_STANDARD"}}));
  CHECK(no_creative["error"]["message"] == "(#100) The parameter creative is required");
  auto not_object = preview_body(emulator.handle("GET", path, {{"ad_format", "INSTAGRAM_STANDARD"}, {"creative", "[1]"}}));
  CHECK(not_object["error"]["code"] == 100);
}

TEST_CASE("the preview page refuses links it did not hand out", "[fake][preview_ad]") {
  auto services = testing::fake_services();
  auto& emulator = *services->emulator;
  auto token = token_of(preview_body(emulator.handle("GET", std::string(kPreviewAd) + "/previews", {{"ad_format", "MOBILE_FEED_STANDARD"}})));
  CHECK(emulator.preview_page(token).status == 200);
  auto forged = token;
  forged["d"][2] = forged["d"][2] == 'x' ? 'y' : 'x';
  CHECK(emulator.preview_page(forged).status == 404);
  CHECK(emulator.preview_page({{"d", token["d"]}}).status == 404);
  CHECK(emulator.preview_page({}).status == 404);
}
