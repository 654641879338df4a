// How an ad set's delivery splits by the breakdowns Insights offers (age, gender, country, region,
// publisher_platform, platform_position, device_platform, impression_device), only into what its targeting allows:
// a 25–45 ad set has no 55–64 row, an Instagram-only one no facebook row. Shares are fixed per ad set (plausible
// audience mixes, jittered by the ad set's id), and split_counts apportions integers, so every breakdown of a
// day sums exactly to the day's total.
#pragma once
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "fake/delivery/delivery_counts.hpp"
#include "fake/targeting/targeting_db.hpp"

namespace fbmcp::fake::delivery {

struct BreakdownCell {
  std::vector<std::string> values;  // one per requested breakdown, in the order asked
  double weight = 0;
};

// The breakdowns the engine models; Insights accepts more (Meta SDK AdsInsights.Breakdowns), which the emulator
// refuses rather than answer with made-up groupings.
bool is_modelled_breakdown(const std::string& name);

// `adset` is the ad set node's data. An empty `breakdowns` gives one cell with no values.
std::vector<BreakdownCell> breakdown_cells(const std::vector<std::string>& breakdowns, const nlohmann::json& adset,
                                           const TargetingDb& targeting);

// One ad-day's counts split across `cells`: each metric's parts sum exactly to `total`'s.
std::vector<Counts> split_counts(const Counts& total, const std::vector<BreakdownCell>& cells);

}  // namespace fbmcp::fake::delivery
