// upload_image over the live path: the image is fetched from a loopback web server (FACEBOOK_ALLOW_PRIVATE_URLS=1),
// then sent by CurlTransport to FakeGraphServer as `bytes`; the hash is the MD5 of the bytes, a second upload of
// the same bytes is the same image, and list_images finds it by hash.
#include <catch2/catch.hpp>

#include <cstdlib>
#include <chrono>
#include <thread>

#include <httplib.h>

#include "crypto/base64.hpp"
#include "media/image_hash.hpp"
#include "support/fake_services.hpp"
#include "support/sample_images.hpp"

using namespace fbmcp;
using nlohmann::json;

namespace {

constexpr const char* kImageUploadAccount = "act_1029384756102938";

struct PrivateUrlsAllowed {
  PrivateUrlsAllowed() { ::setenv("FACEBOOK_ALLOW_PRIVATE_URLS", "1", 1); }
  ~PrivateUrlsAllowed() { ::unsetenv("FACEBOOK_ALLOW_PRIVATE_URLS"); }
};

}  // namespace

TEST_CASE("upload_image from a loopback URL over the live path, idempotent by content", "[live][upload_image]") {
  httplib::Server web;
  const std::string image = testing::jpeg_header(1080, 1080);
  web.Get("/ads/square.jpg", [&](const httplib::Request&, httplib::Response& res) { res.set_content(image, "image/jpeg"); });
  web.Get("/ads/key.jpg", [](const httplib::Request&, httplib::Response& res) {
    res.set_content(testing::pem_private_key(), "image/jpeg");
  });
  const int port = web.bind_to_any_port("127.0.0.1");
  std::thread serving([&] { web.listen_after_bind(); });
  while (!web.is_running()) std::this_thread::sleep_for(std::chrono::milliseconds(2));
  const std::string base = "http://127.0.0.1:" + std::to_string(port);

  auto world = testing::http_world();
  const size_t images_before = world->emulator->count("adimage");
  {
    PrivateUrlsAllowed allowed;
    auto first = testing::call(*world->services, "upload_image", {{"ad_account_id", kImageUploadAccount}, {"image_url", base + "/ads/square.jpg"}});
    INFO(first.text);
    REQUIRE_FALSE(first.is_error);
    const auto& uploaded = first.structured["data"]["image"];
    CHECK(uploaded["hash"] == media::image_hash(image));
    CHECK(uploaded["width"] == 1080);
    CHECK(uploaded["height"] == 1080);
    CHECK(uploaded["type"] == "JPEG");
    CHECK(uploaded["source_name"] == "square.jpg");
    CHECK(uploaded["url"].get<std::string>().find(media::image_hash(image)) != std::string::npos);
    // The bytes never come back in a result.
    CHECK(first.structured.dump().find("bytes\":\"") == std::string::npos);
    CHECK(world->emulator->count("adimage") == images_before + 1);

    auto again = testing::call(*world->services, "upload_image", {{"ad_account_id", kImageUploadAccount}, {"image_url", base + "/ads/square.jpg"}});
    REQUIRE_FALSE(again.is_error);
    CHECK(again.structured["data"]["image"]["hash"] == uploaded["hash"]);
    CHECK(world->emulator->count("adimage") == images_before + 1);

    auto listed = testing::call(*world->services, "list_images", {{"ad_account_id", kImageUploadAccount}, {"hashes", {uploaded["hash"]}}});
    REQUIRE_FALSE(listed.is_error);
    REQUIRE(listed.structured["data"]["items"].size() == 1);
    CHECK(listed.structured["data"]["items"][0]["hash"] == uploaded["hash"]);
    CHECK(listed.structured["data"]["items"][0]["width"] == 1080);

    // A key served as image/jpeg from a .jpg URL is still a key: nothing reaches Graph.
    auto key = testing::call(*world->services, "upload_image", {{"ad_account_id", kImageUploadAccount}, {"image_url", base + "/ads/key.jpg"}});
    CHECK(key.is_error);
    CHECK(key.text.find("a PEM private key") != std::string::npos);
    CHECK(world->emulator->count("adimage") == images_before + 1);
  }
  // Without the switch, the same loopback URL is refused before any download.
  auto refused = testing::call(*world->services, "upload_image", {{"ad_account_id", kImageUploadAccount}, {"image_url", base + "/ads/square.jpg"}});
  CHECK(refused.is_error);
  CHECK(refused.structured["error"]["path"] == "image_url");
  web.stop();
  serving.join();
}

TEST_CASE("upload_image never sends a process's environment or a key, whatever the name", "[upload_image]") {
  // /proc/self/environ is a "regular file" to stat(2) and holds the server's own environment (its token too): the
  // content check refuses it and the error says what it looks like without quoting any of it.
  auto services = testing::fake_services();
  const auto before = services->emulator->count("adimage");
  auto environ_file = testing::call(*services, "upload_image", {{"ad_account_id", kImageUploadAccount}, {"file_path", "/proc/self/environ"}});
  CHECK(environ_file.is_error);
  CHECK(environ_file.structured["error"]["path"] == "file_path");
  CHECK(environ_file.text.find("is not an image") != std::string::npos);
  CHECK(environ_file.text.find("PATH=") == std::string::npos);
  CHECK(services->emulator->count("adimage") == before);
}

TEST_CASE("upload_image takes image_base64 far beyond the 64 KiB cap on ordinary strings", "[upload_image]") {
  // The schema declares image_base64 up to 16,000,000 characters (one MCP message); the router's global string cap
  // must not cut it at 64 KiB.
  auto services = testing::fake_services();
  std::string png = testing::png_header(1080, 1080);
  png.resize(300 * 1024, '\0');  // trailing bytes after the header: sniffing and hashing read the whole of it
  auto uploaded = testing::call(*services, "upload_image",
                                {{"ad_account_id", kImageUploadAccount}, {"image_base64", crypto::base64_encode(png)}, {"dry_run", true}});
  INFO(uploaded.text);
  REQUIRE_FALSE(uploaded.is_error);
  CHECK(uploaded.structured["data"]["image"]["hash"] == media::image_hash(png));
  CHECK(uploaded.structured["data"]["image"]["size_bytes"] == png.size());
}
