// Pacing from Meta's usage headers (X-App-Usage, X-Ad-Account-Usage, X-Business-Use-Case-Usage,
// X-FB-Ads-Insights-Throttle): slow down before a limit instead of hitting it.
#pragma once
#include <map>
#include <mutex>
#include <nlohmann/json.hpp>
#include <string>

namespace fbmcp::graph {

class RatePacer {
 public:
  // Reads every usage header present; keeps the highest utilisation (percent) seen in the latest response.
  void record(const std::map<std::string, std::string>& headers);
  // How long to wait before the next call: nothing below kSlowDownAt percent, then growing to kMaxDelayMs at 100.
  int delay_ms() const;
  double utilisation() const;
  nlohmann::json snapshot() const;  // per-header percentages, for diagnostics

  static constexpr double kSlowDownAt = 75.0;
  static constexpr int kMaxDelayMs = 2000;

 private:
  mutable std::mutex mutex_;
  double utilisation_ = 0;
  nlohmann::json last_ = nlohmann::json::object();
};

}  // namespace fbmcp::graph
