#include "fake/delivery/insights_throttle.hpp"

#include <algorithm>
#include <cmath>
#include <nlohmann/json.hpp>

namespace fbmcp::fake::delivery {

double InsightsThrottle::used(std::deque<Use>& uses) {
  const auto horizon = Clock::now() - kWindow;
  while (!uses.empty() && uses.front().at < horizon) uses.pop_front();
  double total = 0;
  for (const auto& use : uses) total += use.points;
  return total;
}

double InsightsThrottle::account_percent(const std::string& account_id) {
  return std::min(100.0, used(accounts_[account_id]) / kAccountCapacity * 100.0);
}

std::string InsightsThrottle::record(const std::string& account_id, size_t cells) {
  const double points = 1.0 + static_cast<double>(cells) / 100000.0;
  const auto now = Clock::now();
  accounts_[account_id].push_back({now, points});
  app_.push_back({now, points});
  const auto percent = [](double value, double capacity) {
    return std::round(std::min(100.0, value / capacity * 100.0) * 100.0) / 100.0;
  };
  const nlohmann::json header = {{"app_id_util_pct", percent(used(app_), kAppCapacity)},
                                 {"acc_id_util_pct", percent(used(accounts_[account_id]), kAccountCapacity)},
                                 {"ads_api_access_tier", "standard_access"}};
  return header.dump();
}

}  // namespace fbmcp::fake::delivery
