// Benchmark (a program, not a test: it prints figures and never fails on speed). Insights at scale (issue 10):
// level=ad, time_increment=1 over 90 days for 1,000 ads (90,000 rows), read
//   1. in-process from the emulator (what fake mode does), synchronously, 5,000 rows a page, and
//   2. over HTTP from the fake Graph server through the live client (CurlTransport + GraphClient paging), via an
//      async report (POST, poll, read pages),
// printing rows per second and the process's peak memory. Run: ./build/tests/fbmcp_insights_bench
#include <sys/resource.h>

#include <chrono>
#include <cstdio>
#include <filesystem>

#include "app/services.hpp"
#include "core/log.hpp"
#include "fake/fake_graph_server.hpp"
#include "fake/fixtures.hpp"
#include "fake/graph_emulator.hpp"
#include "support/fake_services.hpp"

using namespace fbmcp;
using nlohmann::json;
using Clock = std::chrono::steady_clock;

namespace {

constexpr const char* kAccount = "act_1029384756102938";
constexpr const char* kCreative = "120213000000000001";
constexpr int kAdSets = 50, kAdsPerSet = 20;
constexpr const char* kRange = R"({"since":"2026-08-25","until":"2026-11-22"})";  // 90 days

long peak_rss_mib() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  return usage.ru_maxrss / 1024;  // kilobytes on Linux
}

std::string id_of(const graph::HttpResponse& r) { return json::parse(r.body).value("id", ""); }

}  // namespace

int main() {
  core::set_stderr_level(core::LogLevel::Warning);
  auto world = fake::load_world(fake::embedded_fixture_reader());
  if (!world) return std::fprintf(stderr, "fixtures: %s\n", world.error().message.c_str()), 1;
  auto now = std::make_shared<std::string>("2026-08-01T16:00:00+0000");
  fake::EmulatorOptions options;
  options.now = [now] { return *now; };
  auto emulator = std::make_shared<fake::GraphEmulator>(std::move(*world), options);

  // 1,000 ads made on 2026-08-01 (so 90 days of history exist), read twice each so Meta's review approves them.
  const auto campaign = id_of(emulator->handle("POST", std::string(kAccount) + "/campaigns",
                                               {{"name", "Bench"}, {"objective", "OUTCOME_SALES"},
                                                {"special_ad_categories", "[]"}, {"is_adset_budget_sharing_enabled", "false"}, {"status", "ACTIVE"}}));
  for (int s = 0; s < kAdSets; ++s) {
    const auto adset = id_of(emulator->handle(
        "POST", std::string(kAccount) + "/adsets",
        {{"name", "Bench set " + std::to_string(s)}, {"campaign_id", campaign}, {"daily_budget", "5000"},
         {"billing_event", "IMPRESSIONS"}, {"optimization_goal", "OFFSITE_CONVERSIONS"}, {"bid_strategy", "LOWEST_COST_WITHOUT_CAP"},
         {"promoted_object", R"({"pixel_id":"701234567890123","custom_event_type":"PURCHASE"})"},
         {"targeting", R"({"geo_locations":{"countries":["US"]},"age_min":25,"age_max":54})"}, {"status", "ACTIVE"}}));
    for (int a = 0; a < kAdsPerSet; ++a) {
      const auto ad = id_of(emulator->handle("POST", std::string(kAccount) + "/ads",
                                             {{"name", "Bench ad " + std::to_string(a)}, {"adset_id", adset},
                                              {"creative", std::string(R"({"creative_id":")") + kCreative + "\"}"},
                                              {"status", "ACTIVE"}}));
      emulator->handle("GET", ad, {});
      emulator->handle("GET", ad, {});
    }
  }
  *now = testing::kFixedNow;
  if (emulator->count("ad") < static_cast<size_t>(kAdSets * kAdsPerSet)) {
    return std::fprintf(stderr, "seeding failed: %zu ads\n", emulator->count("ad")), 1;
  }
  std::printf("seeded %d ads in %s; peak memory so far %ld MiB\n", kAdSets * kAdsPerSet, kAccount, peak_rss_mib());

  // 1. In-process, synchronous pages.
  {
    const auto start = Clock::now();
    size_t rows = 0, pages = 0;
    std::string after;
    for (; pages < 100; ++pages) {
      fake::ParamMap params = {{"fields", "ad_id,spend,impressions,clicks,reach,actions"}, {"level", "ad"},
                               {"time_increment", "1"}, {"time_range", kRange}, {"limit", "5000"},
                               {"filtering", std::string(R"([{"field":"campaign.id","operator":"EQUAL","value":")") + campaign + "\"}]"}};
      if (!after.empty()) params["after"] = after;
      const auto body = json::parse(emulator->handle("GET", std::string(kAccount) + "/insights", params).body);
      if (!body.contains("data")) return std::fprintf(stderr, "in-process: %s\n", body.dump().c_str()), 1;
      rows += body["data"].size();
      if (!body["paging"].contains("next")) break;
      after = body["paging"]["cursors"]["after"];
    }
    const double seconds = std::chrono::duration<double>(Clock::now() - start).count();
    std::printf("in-process, sync pages of 5,000: %zu rows in %zu pages, %.2f s, %.0f rows/s, peak memory %ld MiB\n", rows,
                pages + 1, seconds, rows / seconds, peak_rss_mib());
  }

  // 2. Over HTTP through the live client: an async report, then its pages.
  fake::FakeGraphServer server(emulator);
  auto port = server.start(0);
  if (!port) return std::fprintf(stderr, "server: %s\n", port.error().message.c_str()), 1;
  core::Settings live;
  live.mode = core::Mode::Live;
  live.graph_url = server.base_url();
  live.access_token = testing::kCanaryToken;
  char dir[] = "/tmp/fbmcp-bench-XXXXXX";
  if (!::mkdtemp(dir)) return 1;
  live.data_dir = dir;
  auto services = app::make_services(live);
  if (!services) return std::fprintf(stderr, "services: %s\n", services.error().message.c_str()), 1;
  auto& graph = *(*services)->graph;
  const auto start = Clock::now();
  graph::Params params = {{"fields", "ad_id,spend,impressions,clicks,reach,actions"}, {"level", "ad"}, {"time_increment", "1"},
                          {"time_range", json::parse(kRange)},
                          {"filtering", json::array({{{"field", "campaign.id"}, {"operator", "EQUAL"}, {"value", campaign}}})}};
  auto run = graph.post(std::string(kAccount) + "/insights", params, graph::Idempotent::Yes);
  if (!run) return std::fprintf(stderr, "report: %s\n", run.error().message.c_str()), 1;
  const std::string run_id = (*run)["report_run_id"];
  for (int poll = 0; poll < 20; ++poll) {
    auto state = graph.get(run_id, {{"fields", "async_status"}});
    if (state && (*state)["async_status"] == "Job Completed") break;
  }
  size_t rows = 0;
  std::string after;
  size_t requests = 0;
  for (int page = 0; page < 1000; ++page) {
    graph::Params paging = {{"limit", "5000"}};
    if (!after.empty()) paging.set("after", after);
    auto body = graph.get(run_id + "/insights", paging);
    ++requests;
    if (!body) return std::fprintf(stderr, "rows: %s\n", body.error().message.c_str()), 1;
    rows += (*body)["data"].size();
    if (!(*body)["paging"].contains("next")) break;
    after = (*body)["paging"]["cursors"]["after"];
  }
  const double seconds = std::chrono::duration<double>(Clock::now() - start).count();
  std::printf("over HTTP, async report + pages of 5,000: %zu rows in %zu page requests, %.2f s, %.0f rows/s, peak memory %ld MiB\n",
              rows, requests, seconds, rows / seconds, peak_rss_mib());
  std::filesystem::remove_all(dir);
  return 0;
}
