#include "ops/audiences/audiences_ops.hpp"

#include "ops/all_ops.hpp"

namespace fbmcp::ops {

void register_audience_ops(tool::OpRegistry& registry) {
  register_audience_read_ops(registry);
  register_audience_create_ops(registry);
  register_audience_user_ops(registry);
  register_audience_manage_ops(registry);
  register_audience_overlap_op(registry);
  register_saved_audience_ops(registry);
}

}  // namespace fbmcp::ops
