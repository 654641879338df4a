// What one ad delivered on one day (or any sum of such): integer counts only, money in the account currency's
// minor units (Meta's currency offsets), so every level and every breakdown adds up exactly.
#pragma once
#include <array>
#include <cstdint>

namespace fbmcp::fake::delivery {

enum Metric : int {
  kSpend,  // minor units
  kImpressions,
  kReach,  // people reached that day; over several days reach is deduplicated, never summed (insights_rows.cpp)
  kClicks,
  kLinkClicks,
  kLandingPageViews,
  kVideoViews,
  kPostEngagement,
  kConversionsBegin,
};

// Conversion families. Each is counted in six attribution windows; Meta's default attribution setting is 7-day
// click + 1-day view (FBD/marketing-api/insights/guides/attribution-windows, "unified attribution setting").
enum Family : int { kPurchase, kLead, kAppInstall, kFamilyCount };
enum Window : int { k1dClick, k7dClick, k28dClick, k1dView, k7dView, k28dView, kWindowCount };
inline constexpr const char* kWindowNames[kWindowCount] = {"1d_click", "7d_click", "28d_click",
                                                           "1d_view",  "7d_view",  "28d_view"};

constexpr int conversion_index(Family family, Window window) {
  return kConversionsBegin + static_cast<int>(family) * kWindowCount + static_cast<int>(window);
}
inline constexpr int kPurchaseValueBegin = kConversionsBegin + static_cast<int>(kFamilyCount) * static_cast<int>(kWindowCount);  // minor units
constexpr int purchase_value_index(Window window) { return kPurchaseValueBegin + static_cast<int>(window); }
inline constexpr int kMetricCount = kPurchaseValueBegin + static_cast<int>(kWindowCount);

using Counts = std::array<int64_t, kMetricCount>;

inline void add_to(Counts& sum, const Counts& more) {
  for (int i = 0; i < kMetricCount; ++i) sum[i] += more[i];
}

// A conversion count under the default attribution setting (7-day click + 1-day view).
inline int64_t default_attribution(const Counts& c, Family family) {
  return c[conversion_index(family, k7dClick)] + c[conversion_index(family, k1dView)];
}
inline int64_t default_purchase_value(const Counts& c) {
  return c[purchase_value_index(k7dClick)] + c[purchase_value_index(k1dView)];
}

}  // namespace fbmcp::fake::delivery
