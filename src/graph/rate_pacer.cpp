#include "graph/rate_pacer.hpp"

#include <algorithm>

#include "graph/json_fields.hpp"

namespace fbmcp::graph {
namespace {

// Percentages as Meta sends them — numbers, or numeric strings ("100") — clamped to [0, 100]: a value outside says
// nothing more than "at the limit" and must not skew the delay arithmetic. Unreadable values count as 0.
double highest_percent(const nlohmann::json& usage) {
  double best = 0;
  for (const char* key : {"call_count", "total_time", "total_cputime", "acc_id_util_pct", "app_id_util_pct"}) {
    const auto percent = read_number(usage, key);
    if (percent && *percent) best = std::max(best, std::clamp(**percent, 0.0, 100.0));
  }
  return best;
}

}  // namespace

void RatePacer::record(const std::map<std::string, std::string>& headers) {
  double highest = 0;
  nlohmann::json seen = nlohmann::json::object();
  for (const char* name : {"x-app-usage", "x-ad-account-usage", "x-fb-ads-insights-throttle", "x-page-usage"}) {
    const auto it = headers.find(name);
    if (it == headers.end()) continue;
    const auto usage = nlohmann::json::parse(it->second, nullptr, false);
    if (!usage.is_object()) continue;
    seen[name] = highest_percent(usage);
    highest = std::max(highest, seen[name].get<double>());
  }
  if (const auto it = headers.find("x-business-use-case-usage"); it != headers.end()) {
    const auto usage = nlohmann::json::parse(it->second, nullptr, false);
    if (usage.is_object()) {
      double buc = 0;
      for (const auto& [owner, entries] : usage.items()) {
        if (!entries.is_array()) continue;
        for (const auto& entry : entries) buc = std::max(buc, highest_percent(entry));
      }
      seen["x-business-use-case-usage"] = buc;
      highest = std::max(highest, buc);
    }
  }
  if (seen.empty()) return;  // a response without usage headers says nothing new
  std::lock_guard lock(mutex_);
  utilisation_ = highest;
  last_ = seen;
}

int RatePacer::delay_ms() const {
  std::lock_guard lock(mutex_);
  if (utilisation_ < kSlowDownAt) return 0;
  const double fraction = std::min(1.0, (utilisation_ - kSlowDownAt) / (100.0 - kSlowDownAt));
  return static_cast<int>(fraction * kMaxDelayMs);
}

double RatePacer::utilisation() const {
  std::lock_guard lock(mutex_);
  return utilisation_;
}

nlohmann::json RatePacer::snapshot() const {
  std::lock_guard lock(mutex_);
  return last_;
}

}  // namespace fbmcp::graph
