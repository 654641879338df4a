// Where upload bytes come from: local files (regular files only, capped) and URLs (http(s) only, public addresses
// only unless allowed, redirects checked and bounded, size capped).
#include <catch2/catch.hpp>

#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <chrono>
#include <thread>

#include <httplib.h>

#include "media/local_file.hpp"
#include "media/url_fetch.hpp"
#include "support/sample_images.hpp"

using namespace fbmcp;
namespace fs = std::filesystem;

namespace {

struct UploadDir {
  fs::path path;
  UploadDir() {
    std::string pattern = (fs::temp_directory_path() / "fbmcp-upload-XXXXXX").string();
    path = ::mkdtemp(pattern.data());
  }
  ~UploadDir() { fs::remove_all(path); }
};

// A loopback web server for fetch tests: /img.png, /big, /missing, /hop/<n> (n redirects before /img.png),
// /to-ftp (redirects to ftp:).
struct ImageServer {
  httplib::Server http;
  std::thread thread;
  int port = 0;
  ImageServer() {
    http.Get("/img.png", [](const httplib::Request&, httplib::Response& res) {
      res.set_content(testing::png_1x1(), "image/png");
    });
    http.Get("/big", [](const httplib::Request&, httplib::Response& res) {
      res.set_content(std::string(4096, 'x'), "application/octet-stream");
    });
    http.Get(R"(/hop/(\d+))", [](const httplib::Request& req, httplib::Response& res) {
      const int n = std::stoi(req.matches[1]);
      res.set_redirect(n <= 1 ? "/img.png" : "/hop/" + std::to_string(n - 1));
    });
    http.Get("/to-ftp", [](const httplib::Request&, httplib::Response& res) { res.set_redirect("ftp://127.0.0.1/x.png"); });
    port = http.bind_to_any_port("127.0.0.1");
    thread = std::thread([this] { http.listen_after_bind(); });
    while (!http.is_running()) std::this_thread::sleep_for(std::chrono::milliseconds(2));
  }
  ~ImageServer() {
    http.stop();
    thread.join();
  }
  std::string url(const std::string& path) const { return "http://127.0.0.1:" + std::to_string(port) + path; }
};

media::FetchOptions loopback_allowed() {
  media::FetchOptions options;
  options.allow_private = true;
  options.timeout_ms = 10000;
  return options;
}

}  // namespace

TEST_CASE("a regular file is read; directories, devices, FIFOs, missing and oversized files are refused", "[media]") {
  UploadDir dir;
  const auto image = dir.path / "photo.png";
  std::ofstream(image, std::ios::binary) << testing::png_1x1();
  auto bytes = media::read_local_file(image.string(), 1024, "file_path");
  REQUIRE(bytes);
  CHECK(*bytes == testing::png_1x1());

  const auto refused = [](const std::string& path, size_t cap, const std::string& says) {
    auto r = media::read_local_file(path, cap, "file_path");
    REQUIRE_FALSE(r);
    INFO(r.error().message);
    CHECK(r.error().path == "file_path");
    CHECK(r.error().message.find(says) != std::string::npos);
  };
  refused(dir.path.string(), 1024, "a directory");
  refused("/dev/null", 1024, "a character device");
  refused((dir.path / "nope.png").string(), 1024, "No such file");
  refused(image.string(), 10, "the limit is 10 bytes");
  // Opening a FIFO for reading would block until a writer came; the upload must be refused at once instead.
  const auto fifo = dir.path / "pipe.jpg";
  REQUIRE(::mkfifo(fifo.c_str(), 0600) == 0);
  refused(fifo.string(), 1024, "a FIFO");
  // A symlink to an image is followed: the content check, not the link, decides.
  const auto link = dir.path / "link.jpg";
  fs::create_symlink(image, link);
  CHECK(media::read_local_file(link.string(), 1024, "file_path").has_value());
}

TEST_CASE("addresses an upload must not reach are recognized", "[media]") {
  for (const char* address : {"127.0.0.1", "10.1.2.3", "172.16.0.1", "172.31.255.255", "192.168.1.1", "169.254.169.254",
                              "100.64.0.1", "0.0.0.0", "224.0.0.1", "255.255.255.255", "::1", "::", "fe80::1",
                              "fc00::1", "fd12:3456::1", "::ffff:127.0.0.1", "::ffff:10.0.0.1", "64:ff9b::a9fe:a9fe",
                              "ff02::1", "not an address"}) {
    INFO(address);
    CHECK(media::is_non_public_address(address));
  }
  for (const char* address : {"8.8.8.8", "157.240.1.35", "172.32.0.1", "2a03:2880:f12f:83:face:b00c:0:25de",
                              "::ffff:8.8.8.8"}) {
    INFO(address);
    CHECK_FALSE(media::is_non_public_address(address));
  }
}

TEST_CASE("URLs: loopback refused unless allowed, redirects checked and bounded, size capped", "[media]") {
  ImageServer server;
  SECTION("a loopback URL is refused by default, naming the address") {
    auto r = media::fetch_url(server.url("/img.png"), media::FetchOptions{}, "image_url");
    REQUIRE_FALSE(r);
    CHECK(r.error().path == "image_url");
    CHECK(r.error().message.find("127.0.0.1") != std::string::npos);
    CHECK(r.error().message.find("loopback") != std::string::npos);
  }
  SECTION("localhost by name is refused too: the resolved address is what counts") {
    auto r = media::fetch_url("http://localhost:" + std::to_string(server.port) + "/img.png", media::FetchOptions{},
                              "image_url");
    REQUIRE_FALSE(r);
    CHECK(r.error().message.find("resolves to") != std::string::npos);
  }
  SECTION("an IPv6 loopback literal is refused too") {
    auto r = media::fetch_url("http://[::1]:" + std::to_string(server.port) + "/img.png", media::FetchOptions{}, "image_url");
    REQUIRE_FALSE(r);
    CHECK(r.error().message.find("::1") != std::string::npos);
  }
  SECTION("allowed, a host name is fetched through the pinned addresses") {
    auto r = media::fetch_url("http://localhost:" + std::to_string(server.port) + "/img.png", loopback_allowed(), "image_url");
    REQUIRE(r);
    CHECK(r->bytes == testing::png_1x1());
  }
  SECTION("allowed, the image arrives") {
    auto r = media::fetch_url(server.url("/img.png"), loopback_allowed(), "image_url");
    REQUIRE(r);
    CHECK(r->bytes == testing::png_1x1());
  }
  SECTION("three redirects are followed, four are not") {
    auto three = media::fetch_url(server.url("/hop/3"), loopback_allowed(), "image_url");
    REQUIRE(three);
    CHECK(three->final_url == server.url("/img.png"));
    auto four = media::fetch_url(server.url("/hop/4"), loopback_allowed(), "image_url");
    REQUIRE_FALSE(four);
    CHECK(four.error().message.find("redirected more than 3 times") != std::string::npos);
  }
  SECTION("a redirect to another scheme is refused") {
    auto r = media::fetch_url(server.url("/to-ftp"), loopback_allowed(), "image_url");
    REQUIRE_FALSE(r);
    CHECK(r.error().message.find("only http and https") != std::string::npos);
  }
  SECTION("a body over the cap is refused") {
    auto options = loopback_allowed();
    options.max_bytes = 1000;
    auto r = media::fetch_url(server.url("/big"), options, "image_url");
    REQUIRE_FALSE(r);
    CHECK(r.error().message.find("larger than 1000 bytes") != std::string::npos);
  }
  SECTION("HTTP errors and other schemes are refused") {
    auto missing = media::fetch_url(server.url("/missing"), loopback_allowed(), "image_url");
    REQUIRE_FALSE(missing);
    CHECK(missing.error().message.find("HTTP 404") != std::string::npos);
    for (const char* url : {"file:///etc/passwd", "ftp://example.com/a.jpg", "gopher://x/", "not a url"}) {
      auto r = media::fetch_url(url, loopback_allowed(), "image_url");
      INFO(url);
      REQUIRE_FALSE(r);
    }
  }
}
