// preview_ad over the live path: CurlTransport asks FakeGraphServer for previews, and the preview URL in Graph's
// iframe is then fetched like a browser would: an HTML page with the creative's texts, each escaped.
#include <catch2/catch.hpp>

#include <httplib.h>

#include "support/fake_services.hpp"

using namespace fbmcp;
using nlohmann::json;

namespace {

constexpr const char* kPreviewAccount = "act_1029384756102938";

struct FetchedPage {
  int status = 0;
  std::string body;
  std::string content_type;
};

// GET <url> where url is http://127.0.0.1:<port>/path?query, as handed out in a preview.
FetchedPage fetch_page(const std::string& url) {
  const auto host_end = url.find('/', std::string("http://").size());
  REQUIRE(host_end != std::string::npos);
  httplib::Client client(url.substr(0, host_end));
  auto res = client.Get(url.substr(host_end));
  REQUIRE(res);
  return {res->status, res->body, res->get_header_value("Content-Type")};
}

std::string preview_url(const tool::ToolResult& result, size_t at = 0) {
  INFO(result.text);
  REQUIRE_FALSE(result.is_error);
  return result.structured["data"]["items"][at]["url"];
}

}  // namespace

TEST_CASE("an ad's preview URL serves its creative as an HTML page", "[live][preview_ad]") {
  auto world = testing::http_world();
  auto result = testing::call(*world->services, "preview_ad",
                              {{"ad_id", "120212000000000001"}, {"ad_formats", {"MOBILE_FEED_STANDARD", "DESKTOP_FEED_STANDARD"}}});
  const std::string url = preview_url(result);
  CHECK(url.starts_with(world->server->base_url() + "/ads/api/preview_iframe.php?d="));
  CHECK(url.find("&t=") != std::string::npos);
  CHECK(result.structured["data"]["items"][0]["iframe"].get<std::string>().find("width=\"335\"") != std::string::npos);
  CHECK(result.structured["data"]["items"][1]["iframe"].get<std::string>().find("width=\"540\"") != std::string::npos);

  const auto page = fetch_page(url);
  CHECK(page.status == 200);
  CHECK(page.content_type.starts_with("text/html"));
  // Fixture creative 120213000000000001: headline "Black Friday 2026", call to action LEARN_MORE, page Northwind.
  CHECK(page.body.find(">Black Friday 2026<") != std::string::npos);
  CHECK(page.body.find(">Learn more</button>") != std::string::npos);
  CHECK(page.body.find("Northwind Outfitters") != std::string::npos);
  CHECK(page.body.find("fe5067706fde605fcc635835a1e52fc8") != std::string::npos);  // the image, from its URL
  CHECK(fetch_page(preview_url(result, 1)).body.find("width:540px") != std::string::npos);
}

TEST_CASE("creative text comes back HTML-escaped, for stored creatives and specs alike", "[live][preview_ad]") {
  auto world = testing::http_world();
  const json creative = {{"page_id", "104857600000001"},
                         {"link", "https://northwind.example/sale"},
                         {"message", "Tom & Jerry's \"deal\""},
                         {"headline", "<script>alert(1)</script>"},
                         {"image_hash", "fe5067706fde605fcc635835a1e52fc8"},
                         {"call_to_action_type", "SHOP_NOW"}};
  json create_args = {{"ad_account_id", kPreviewAccount}, {"name", "Escaping check"}};
  create_args.update(creative);
  auto made = testing::call(*world->services, "create_creative", create_args);
  INFO(made.text);
  REQUIRE_FALSE(made.is_error);
  const std::string creative_id = made.structured["data"]["creative"]["id"];

  for (const auto& args : {json{{"creative_id", creative_id}},
                           json{{"ad_account_id", kPreviewAccount}, {"creative", creative}}}) {
    INFO(args.dump());
    const auto page = fetch_page(preview_url(testing::call(*world->services, "preview_ad", args)));
    CHECK(page.status == 200);
    CHECK(page.body.find("<script>") == std::string::npos);
    CHECK(page.body.find("&lt;script&gt;alert(1)&lt;/script&gt;") != std::string::npos);
    CHECK(page.body.find("Tom &amp; Jerry&#39;s &quot;deal&quot;") != std::string::npos);
    CHECK(page.body.find(">Shop now</button>") != std::string::npos);
  }
}

TEST_CASE("a forged or edited preview link answers a 404 page", "[live][preview_ad]") {
  auto world = testing::http_world();
  const std::string url = preview_url(testing::call(*world->services, "preview_ad", {{"creative_id", "120213000000000001"}}));
  const auto d_at = url.find("?d=") + 3;
  std::string edited = url;
  edited[d_at + 4] = edited[d_at + 4] == 'A' ? 'B' : 'A';
  for (const std::string& bad : {edited, world->server->base_url() + "/ads/api/preview_iframe.php?d=abc&t=def",
                                 world->server->base_url() + "/ads/api/preview_iframe.php"}) {
    INFO(bad);
    const auto page = fetch_page(bad);
    CHECK(page.status == 404);
    CHECK(page.body.find("Preview not found") != std::string::npos);
  }
}
