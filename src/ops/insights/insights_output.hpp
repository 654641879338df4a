// The answer every row-returning insights op gives: canonical rows, what they cover (dates, time zone, currency,
// attribution setting, the action type read per conversion family), totals, paging, and — when Graph moved the
// query to an async report that is still running — the report id and what to call next.
#pragma once
#include <nlohmann/json.hpp>
#include <string>

#include "ops/insights/canonical_metrics.hpp"
#include "ops/insights/insights_fetch.hpp"
#include "tool/op_spec.hpp"

namespace fbmcp::ops {

struct InsightsAnswerFrame {
  nlohmann::json about;            // object, level, period as asked: copied into data
  std::string currency;
  std::string time_zone;
  CanonicalOptions options;
  const nlohmann::json* totals_row = nullptr;  // Graph's one-row total for the object, when read
};

tool::OpOutput insights_output(const FetchedInsights& fetched, const InsightsAnswerFrame& frame);

// What the attribution setting in use is called in results.
std::string attribution_text(const std::vector<std::string>& windows);

}  // namespace fbmcp::ops
