// The insights family's ops; register_insights_ops (ops/all_ops.hpp) adds them all.
#pragma once
#include <nlohmann/json.hpp>

#include "core/error.hpp"
#include "ops/insights/insights_fetch.hpp"
#include "ops/insights/insights_output.hpp"
#include "tool/op_registry.hpp"

namespace fbmcp::ops {

void register_get_insights_op(tool::OpRegistry& registry);
void register_insights_report_ops(tool::OpRegistry& registry);
void register_compare_periods_op(tool::OpRegistry& registry);
void register_performance_summary_op(tool::OpRegistry& registry);
void register_export_insights_op(tool::OpRegistry& registry);

// The frame of an answer for `args` (which metrics, level, breakdowns, windows) — shared by get_insights and the
// report ops.
InsightsAnswerFrame insights_frame(const nlohmann::json& args, const InsightsSubject& subject,
                                   const InsightsRequest& request);

// Graph's one-row total of the object for the request (no breakdowns, no increment): reach deduplicated as Meta
// does, which summing rows cannot give. nullopt when nothing was delivered.
core::Result<std::optional<nlohmann::json>> read_insights_totals(tool::OpContext& ctx, const InsightsSubject& subject,
                                                                const InsightsRequest& request);

}  // namespace fbmcp::ops
