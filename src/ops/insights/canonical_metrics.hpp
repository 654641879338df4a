// Meta's insights rows → the canonical metrics every insights op returns, each defined once here and in the op
// descriptions:
//   impressions, reach, clicks, link_clicks (Graph's inline_link_clicks): counts;
//   spend: money in the account currency (a decimal string, exact: parsed to minor units and back);
//   frequency = impressions / reach;  ctr = clicks / impressions × 100 (percent);
//   cpc = spend / clicks;  cpm = spend / impressions × 1000;
//   conversions: one count per family (purchase, lead, app_install) — Meta reports a conversion under several alias
//     action types at once (graph/action_families.hpp); exactly one type per family is read, and which one is named
//     in the result, so nothing is double-counted;
//   cost_per_conversion = spend / conversions, per family;  revenue = the purchase family's conversion value;
//   roas = revenue / spend.
// Counts under attribution windows: the default setting (Graph's `value`), or, when windows are asked for, the
// widest click window asked plus the widest view window asked.
#pragma once
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

namespace fbmcp::ops {

struct CanonicalOptions {
  std::string currency;
  std::string level;                    // rows carry id/name of this level (none at account level)
  std::vector<std::string> breakdowns;  // values copied into the row
  std::vector<std::string> metrics;     // which canonical metrics to include (all when empty)
  std::vector<std::string> windows;     // attribution windows asked for
};

// The additive parts of a row, for totals and comparisons.
struct MetricCounts {
  int64_t impressions = 0, reach = 0, clicks = 0, link_clicks = 0;
  int64_t spend_minor = 0, revenue_minor = 0;
  std::map<std::string, int64_t> conversions;  // family → count
};

MetricCounts counts_of_row(const nlohmann::json& graph_row, const CanonicalOptions& options,
                           std::map<std::string, std::string>* chosen_action_types = nullptr);

// The canonical metrics of `counts` as JSON (money as decimal strings, ratios with 2 decimals, absent when the
// denominator is zero).
nlohmann::json canonical_metrics(const MetricCounts& counts, const CanonicalOptions& options);

// One Graph row → {date_start, date_stop, id?, name?, <breakdowns>…, <metrics>…}.
nlohmann::json canonical_row(const nlohmann::json& graph_row, const CanonicalOptions& options,
                             std::map<std::string, std::string>& chosen_action_types);

// All conversion families' counts together (for ranking and charts; a family's own count is in `conversions`).
int64_t total_conversions(const MetricCounts& counts);

// A KPI as a number, for ranking and charts (money in minor units); nullopt when it has no value (no clicks, no
// conversions). `kpi`: spend, impressions, reach, clicks, link_clicks, conversions, roas, cost_per_conversion, ctr,
// cpc, cpm, revenue.
std::optional<double> kpi_value(const MetricCounts& counts, const std::string& kpi);
// Whether `kpi` is money (shown in the account currency) and whether less of it is better.
bool kpi_is_money(const std::string& kpi);
bool kpi_lower_is_better(const std::string& kpi);

// A ratio as the ops print it ("1.23"); empty when the denominator is zero.
std::string ratio_text(double numerator, double denominator, double scale = 1.0);

}  // namespace fbmcp::ops
