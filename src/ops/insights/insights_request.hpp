// An insights question as the ops take it (object, period, level, increment, breakdowns, windows, filtering, sort)
// and as Graph's /insights edge wants it. Written once for get_insights, start_insights_report, export_insights,
// performance_summary and compare_periods.
#pragma once
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "core/error.hpp"
#include "graph/request.hpp"
#include "tool/op_context.hpp"

namespace fbmcp::ops {

// What is known about the object the question is about.
struct InsightsSubject {
  std::string object_id;   // as Graph names it: act_<n>, or a campaign / ad set / ad id
  std::string object_level;  // account | campaign | adset | ad
  std::string account;     // act_<n>
  std::string currency;
  std::string time_zone;   // the account's, e.g. America/Los_Angeles
};

// Reads which object the args name (exactly one of ad_account_id, campaign_id, adset_id, ad_id) and the account
// behind it (one Graph call for the account, one more for a campaign, ad set or ad).
core::Result<InsightsSubject> resolve_insights_subject(const nlohmann::json& args, tool::OpContext& ctx);

struct InsightsRequest {
  std::string level;
  graph::Params params;                   // everything but limit/after
  std::vector<std::string> breakdowns;
  std::vector<std::string> windows;       // attribution windows asked for; empty = the account's default setting
  std::string period;                     // "last_30d" or "2026-11-01..2026-11-07", for summaries
  bool fresh = false;                     // args.fresh: ask Meta even when the cache holds a recent answer
};

// The canonical metrics an op may ask for (the op descriptions define each).
const std::vector<std::string>& canonical_metric_names();

// Builds the Graph request; argument errors name the field (`args.since`, `args.time_increment`, …).
core::Result<InsightsRequest> build_insights_request(const nlohmann::json& args, const InsightsSubject& subject);

// Graph blames its own parameter names; the agent sent ours.
core::Error blame_insights_args(core::Error error);

}  // namespace fbmcp::ops
