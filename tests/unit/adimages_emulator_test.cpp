// The emulator's /act_<id>/adimages: `bytes` uploads hashed by MD5 and stored once per content, non-images refused
// with Graph's FileTypeNotSupported error, and the listing filtered by `hashes`.
#include <catch2/catch.hpp>

#include <httplib.h>

#include "crypto/base64.hpp"
#include "media/image_hash.hpp"
#include "support/fake_services.hpp"
#include "support/sample_images.hpp"
#include "support/response_body.hpp"

using namespace fbmcp;
using nlohmann::json;

namespace {

constexpr const char* kAccount = "act_1029384756102938";

using testing::body_of;

}  // namespace

TEST_CASE("adimages: bytes are stored once per content and answered as images.bytes", "[fake][adimages]") {
  auto services = testing::fake_services();
  auto& emulator = *services->emulator;
  const size_t before = emulator.count("adimage");
  const std::string gif = testing::gif_header(320, 50);
  const auto upload = [&] { return emulator.handle("POST", std::string(kAccount) + "/adimages", {{"bytes", crypto::base64_encode(gif)}}); };
  const auto first = upload();
  REQUIRE(first.status == 200);
  const auto entry = body_of(first)["images"]["bytes"];
  CHECK(entry["hash"] == media::image_hash(gif));
  CHECK(entry["url"].get<std::string>().find(".gif") != std::string::npos);
  CHECK(body_of(upload())["images"]["bytes"]["hash"] == entry["hash"]);
  CHECK(emulator.count("adimage") == before + 1);

  const auto node = body_of(emulator.handle("GET", "1029384756102938:" + entry["hash"].get<std::string>(),
                                            {{"fields", "hash,width,height,status,account_id"}}));
  CHECK(node["width"] == 320);
  CHECK(node["height"] == 50);
  CHECK(node["status"] == "ACTIVE");
  CHECK(node["account_id"] == "1029384756102938");
}

TEST_CASE("adimages: a file that is not an image gets Graph's FileTypeNotSupported error", "[fake][adimages]") {
  auto services = testing::fake_services();
  auto& emulator = *services->emulator;
  const size_t before = emulator.count("adimage");
  for (const std::string& bytes : {testing::pem_private_key(), std::string("just text"), testing::mp4_header(),
                                   testing::png_1x1().substr(0, 12)}) {
    const auto refused = emulator.handle("POST", std::string(kAccount) + "/adimages", {{"bytes", crypto::base64_encode(bytes)}});
    CHECK(refused.status == 400);
    const auto error = body_of(refused)["error"];
    CHECK(error["code"] == 100);
    CHECK(error["error_subcode"] == 1487411);
    CHECK(error["error_user_title"] == "FileTypeNotSupported");
  }
  CHECK(body_of(emulator.handle("POST", std::string(kAccount) + "/adimages", {}))["error"]["message"] ==
        "(#100) The parameter bytes is required");
  CHECK(body_of(emulator.handle("POST", std::string(kAccount) + "/adimages", {{"bytes", "not base64!"}}))["error"]["code"] == 100);
  CHECK(emulator.count("adimage") == before);
}

TEST_CASE("adimages: the listing keeps only the hashes asked for", "[fake][adimages]") {
  auto services = testing::fake_services();
  auto& emulator = *services->emulator;
  const std::string edge = std::string(kAccount) + "/adimages";
  const auto all = body_of(emulator.handle("GET", edge, {{"fields", "hash"}, {"limit", "100"}}))["data"];
  REQUIRE(all.size() >= 2);
  const std::string wanted = all[1]["hash"];
  const auto some = body_of(emulator.handle("GET", edge, {{"fields", "hash"}, {"hashes", json::array({wanted}).dump()}}));
  REQUIRE(some["data"].size() == 1);
  CHECK(some["data"][0]["hash"] == wanted);
  CHECK(body_of(emulator.handle("GET", edge, {{"hashes", "[\"0000\"]"}}))["data"].empty());
  CHECK(body_of(emulator.handle("GET", edge, {{"hashes", "{\"a\":1}"}}))["error"]["code"] == 100);
}

TEST_CASE("adimages over HTTP: a multipart file part is uploaded and the image named after it", "[fake][adimages][http]") {
  // As Meta's Python SDK sends an image (adimagemixin.py remote_create: files={filename: open_file}).
  auto world = testing::http_world();
  const size_t before = world->emulator->count("adimage");
  const std::string jpeg = testing::jpeg_header(1200, 628);
  httplib::Client client(world->server->base_url());
  const httplib::MultipartFormDataItems items = {
      {"access_token", testing::kCanaryToken, "", ""},
      {"summer_1200.jpg", jpeg, "summer_1200.jpg", "image/jpeg"},
  };
  const auto response = client.Post(std::string("/v24.0/") + kAccount + "/adimages", items);
  REQUIRE(response);
  REQUIRE(response->status == 200);
  const auto entry = json::parse(response->body)["images"]["summer_1200.jpg"];
  CHECK(entry["hash"] == media::image_hash(jpeg));
  CHECK(world->emulator->count("adimage") == before + 1);
  const auto node = body_of(world->emulator->handle("GET", "1029384756102938:" + entry["hash"].get<std::string>(),
                                                   {{"fields", "name,width,height"}}));
  CHECK(node["name"] == "summer_1200.jpg");
  CHECK(node["width"] == 1200);
  CHECK(node["height"] == 628);
}
