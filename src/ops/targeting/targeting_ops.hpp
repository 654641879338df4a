// The targeting family's ops, one file each; register_targeting_ops (ops/all_ops.hpp) adds them all.
#pragma once
#include "tool/op_registry.hpp"

namespace fbmcp::ops {

void register_search_targeting_op(tool::OpRegistry& registry);
void register_validate_targeting_op(tool::OpRegistry& registry);
void register_estimate_audience_op(tool::OpRegistry& registry);

}  // namespace fbmcp::ops
