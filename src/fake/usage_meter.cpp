#include "fake/usage_meter.hpp"

#include <algorithm>
#include <nlohmann/json.hpp>

namespace fbmcp::fake {
namespace {


int sum_recent(auto& events, UsageMeter::Clock::time_point now, std::chrono::seconds window) {
  while (!events.empty() && now - events.front().at > window) events.pop_front();
  int sum = 0;
  for (const auto& e : events) sum += e.weight;
  return sum;
}

}  // namespace

std::map<std::string, std::string> UsageMeter::record(const std::string& account_id, bool is_write) {
  const auto now = Clock::now();
  const int weight = is_write ? 3 : 1;
  app_.push_back({now, 1});
  const int app_calls = sum_recent(app_, now, std::chrono::hours(1));
  const int app_pct = std::min(100, app_calls * 100 / kAppCallsPerHour);
  std::map<std::string, std::string> headers;
  headers["x-app-usage"] =
      nlohmann::json{{"call_count", app_pct}, {"total_time", app_pct / 2}, {"total_cputime", app_pct / 2}}.dump();
  if (account_id.empty()) return headers;

  auto& events = accounts_[account_id];
  events.push_back({now, weight});
  const int score = sum_recent(events, now, kAccountWindow);
  const double pct = std::min(100.0, score * 100.0 / kAccountScorePerWindow);
  const int rounded = static_cast<int>(pct * 100) / 100;
  headers["x-ad-account-usage"] = nlohmann::json{{"acc_id_util_pct", static_cast<int>(pct * 100) / 100.0},
                                                 {"reset_time_duration", pct >= 100 ? 300 : 0},
                                                 {"ads_api_access_tier", "standard_access"}}
                                      .dump();
  headers["x-business-use-case-usage"] =
      nlohmann::json{{account_id,
                      {{{"type", "ads_management"},
                        {"call_count", rounded},
                        {"total_cputime", rounded / 2},
                        {"total_time", rounded / 2},
                        {"estimated_time_to_regain_access", pct >= 100 ? 5 : 0},
                        {"ads_api_access_tier", "standard_access"}}}}}
          .dump();
  return headers;
}

}  // namespace fbmcp::fake
