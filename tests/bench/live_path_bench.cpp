// Benchmark (a program, not a test: it prints figures and never fails on speed). The live client against the fake
// Graph server on 127.0.0.1 with 50 ms added to every answer, standing in for the distance to Meta:
//   1. list 2,000 campaigns        — how many HTTP requests, how long
//   2. pause 120 campaigns with bulk_update_campaigns — expected: a handful of batch requests, not 120
//   3. bulk_update_adsets on 500 ad sets: pause them (no reads: 10 batches), then lower their budgets (2 batched
//      reads — 50 by id, the rest through the account's filtered list — and 10 batches of writes)
// Run: ./build/tests/fbmcp_bench [latency_ms]
#include <chrono>
#include <cstdio>
#include <cstdlib>

#include "core/log.hpp"
#include "support/fake_services.hpp"

using namespace fbmcp;
using nlohmann::json;
using Clock = std::chrono::steady_clock;

namespace {

constexpr const char* kAccount = "act_1029384756102938";

struct Figure {
  size_t http_requests;
  size_t graph_calls;
  double seconds;
  bool ok;
};

template <typename F>
Figure measure(testing::HttpWorld& world, F&& work) {
  const auto http_before = world.server->http_requests();
  const auto calls_before = world.emulator->requests_served();
  const auto start = Clock::now();
  const bool ok = work();
  const double seconds = std::chrono::duration<double>(Clock::now() - start).count();
  return {world.server->http_requests() - http_before, world.emulator->requests_served() - calls_before, seconds, ok};
}

void print(const char* what, const Figure& f) {
  std::printf("%-46s %s  http_requests=%zu  graph_calls=%zu  wall=%.3f s\n", what, f.ok ? "ok  " : "FAIL",
              f.http_requests, f.graph_calls, f.seconds);
}

}  // namespace

int main(int argc, char** argv) {
  const int latency = argc > 1 ? std::atoi(argv[1]) : 50;
  core::set_stderr_level(core::LogLevel::Warning);
  auto world = testing::http_world();
  // Seed the account up to 2,000 campaigns, in-process (not measured).
  for (size_t i = 0; i < 2000; ++i) {
    world->emulator->handle("POST", std::string(kAccount) + "/campaigns",
                            {{"name", "Bench " + std::to_string(i)}, {"objective", "OUTCOME_TRAFFIC"},
                             {"special_ad_categories", "[]"}, {"status", "ACTIVE"}, {"daily_budget", "1000"}});
  }
  testing::call(*world->services, "get_ad_account_info", {{"ad_account_id", kAccount}});  // warm the account cache
  world->server->set_latency_ms(latency);
  std::printf("fake Graph server at %s, %d ms added latency per HTTP request\n", world->server->base_url().c_str(),
              latency);

  // The op caps a page at 500 rows (context-window budget); an agent pages with `after`.
  json ids = json::array();
  auto list = measure(*world, [&] {
    json args = {{"ad_account_id", kAccount}, {"limit", 500}};
    for (int page = 0; page < 10 && ids.size() < 2000; ++page) {
      auto r = testing::call(*world->services, "list_campaigns", args);
      if (r.is_error) return false;
      for (const auto& c : r.structured["data"]["items"]) ids.push_back(c["id"]);
      if (!r.structured.contains("paging")) break;
      args["after"] = r.structured["paging"]["after"];
    }
    return ids.size() >= 2000;
  });
  print("list_campaigns, 2,000 campaigns (4 pages of 500)", list);

  json updates = json::array();
  for (size_t i = 0; i < 120; ++i) {
    updates.push_back({{"campaign_id", ids[i]}, {"status", "PAUSED"}});
  }
  auto bulk = measure(*world, [&] {
    auto r = testing::call(*world->services, "bulk_update_campaigns", {{"updates", updates}});
    if (r.is_error || r.structured["data"]["updated"] != 120) std::fprintf(stderr, "%s\n", r.text.substr(0, 2000).c_str());
    return !r.is_error && r.structured["data"]["updated"] == 120;
  });
  print("bulk_update_campaigns, pause 120 campaigns", bulk);
  std::printf("(one HTTP request per campaign would have taken about %.1f s at this latency)\n", 120 * latency / 1000.0);

  // Seed 500 ad sets under campaigns without a campaign budget (≤200 per campaign), in-process (not measured).
  const char* adset_campaigns[] = {"120210000000000003", "120210000000000005", "120210000000000014"};
  json pauses = json::array();
  json budgets = json::array();
  for (size_t i = 0; i < 500; ++i) {
    auto answer = world->emulator->handle(
        "POST", std::string(kAccount) + "/adsets",
        {{"name", "Bench ad set " + std::to_string(i)}, {"campaign_id", adset_campaigns[i % 3]},
         {"optimization_goal", "LINK_CLICKS"}, {"billing_event", "IMPRESSIONS"}, {"daily_budget", "1000"},
         {"status", "ACTIVE"}, {"targeting", R"({"geo_locations":{"countries":["US"]}})"}});
    const auto id = json::parse(answer.body, nullptr, false).value("id", "");
    pauses.push_back({{"adset_id", id}, {"status", "PAUSED"}});
    budgets.push_back({{"adset_id", id}, {"daily_budget", {{"amount", "5.00"}}}});
  }
  auto bulk_adsets = [&](const json& updates) {
    return measure(*world, [&] {
      auto r = testing::call(*world->services, "bulk_update_adsets", {{"updates", updates}});
      const bool ok = !r.is_error && r.structured["data"]["updated"] == 500;
      if (!ok) std::fprintf(stderr, "%s\n", r.text.substr(0, 2000).c_str());
      return ok;
    });
  };
  auto adset_pause = bulk_adsets(pauses);
  print("bulk_update_adsets, pause 500 ad sets", adset_pause);
  auto adset_budget = bulk_adsets(budgets);
  print("bulk_update_adsets, lower 500 ad-set budgets", adset_budget);
  std::printf("(one HTTP request per ad set would have taken about %.1f s at this latency)\n", 500 * latency / 1000.0);
  return list.ok && bulk.ok && adset_pause.ok && adset_budget.ok ? 0 : 1;
}
