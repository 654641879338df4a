// An /insights request as the emulator reads it: every parameter of Meta's Insights edge
// (FBD/marketing-api/reference/ad-account/insights, Meta SDK get_insights params), checked with Graph's errors.
#pragma once
#include <expected>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "fake/delivery/local_days.hpp"
#include "fake/graph_error.hpp"
#include "fake/graph_model.hpp"
#include "fake/write_context.hpp"

namespace fbmcp::fake::delivery {

struct DateRange {
  Day since = 0;
  Day until = 0;
};

struct MetricFilter {
  std::string field;     // "spend", "campaign.id", "ad.effective_status", …
  std::string op;        // EQUAL, NOT_EQUAL, GREATER_THAN, …, IN, NOT_IN, CONTAIN, NOT_CONTAIN
  nlohmann::json value;  // a scalar, or an array for IN / NOT_IN
};

struct SortKey {
  std::string field;
  bool descending = false;
};

struct InsightsQuery {
  std::string level;                // account | campaign | adset | ad
  std::vector<std::string> fields;  // as asked, validated against AdsInsights' fields
  std::vector<DateRange> ranges;    // one, or several with time_ranges
  int time_increment = 0;           // 0 = all_days, -1 = monthly, N = N-day buckets
  std::vector<std::string> breakdowns;
  std::vector<std::string> windows;  // action_attribution_windows
  std::vector<MetricFilter> filters;
  std::vector<SortKey> sort;
  std::vector<std::string> summary_fields;  // `summary` (or `default_summary`: the requested fields)
  size_t limit = 25;
  std::string after;
};

inline constexpr const char* kLevels[] = {"account", "campaign", "adset", "ad"};
// Depth of a level (account 0 … ad 3); -1 when unknown.
int level_depth(const std::string& level);

// `object_level` is the level of the node the edge hangs on; `today` is the account's current day.
std::expected<InsightsQuery, GraphError> parse_insights_query(const ParamMap& params, const GraphModel& model,
                                                              const std::string& object_level, Day today);

// Whether the query's fields ask for action statistics (which add Graph's implicit action_type breakdown).
bool asks_for_actions(const InsightsQuery& query);

}  // namespace fbmcp::fake::delivery
