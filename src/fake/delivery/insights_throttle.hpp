// X-FB-Ads-Insights-Throttle (graph-api-facts §3/§6): how much of the Insights capacity an app and an ad account
// used recently, sent on every Insights answer so clients slow down before Graph refuses. Each query weighs by the
// ad-days × breakdown cells it reads; capacity refills over a 5-minute window.
#pragma once
#include <chrono>
#include <deque>
#include <map>
#include <string>

namespace fbmcp::fake::delivery {

class InsightsThrottle {
 public:
  using Clock = std::chrono::steady_clock;

  // Records a query of `cells` for `account_id`; returns the header value after it.
  std::string record(const std::string& account_id, size_t cells);
  // Percent of the account's capacity used now (before recording anything).
  double account_percent(const std::string& account_id);

  static constexpr double kAccountCapacity = 400.0;  // points per window; a query costs 1 + cells / 100,000
  static constexpr double kAppCapacity = 4000.0;
  static constexpr std::chrono::seconds kWindow{300};

 private:
  struct Use {
    Clock::time_point at;
    double points;
  };
  double used(std::deque<Use>& uses);
  std::map<std::string, std::deque<Use>> accounts_;
  std::deque<Use> app_;
};

}  // namespace fbmcp::fake::delivery
