#include "ops/targeting/targeting_ops.hpp"

#include "ops/all_ops.hpp"

namespace fbmcp::ops {

void register_targeting_ops(tool::OpRegistry& registry) {
  register_search_targeting_op(registry);
  register_validate_targeting_op(registry);
  register_estimate_audience_op(registry);
}

}  // namespace fbmcp::ops
