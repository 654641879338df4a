#include "ops/insights/insights_ops.hpp"

#include "ops/all_ops.hpp"

namespace fbmcp::ops {

void register_insights_ops(tool::OpRegistry& registry) {
  register_get_insights_op(registry);
  register_insights_report_ops(registry);
  register_compare_periods_op(registry);
  register_performance_summary_op(registry);
  register_export_insights_op(registry);
}

}  // namespace fbmcp::ops
