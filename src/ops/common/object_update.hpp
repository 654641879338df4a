// update_<kind>: set any of the kind's update_fields on one object; raising a budget or bid, or activating, needs
// confirmation.
#pragma once
#include "ops/common/object_kind.hpp"
#include "tool/op_registry.hpp"

namespace fbmcp::ops {

// `summary` is the registry's one line (what the kind lets an update change).
void register_update_op(tool::OpRegistry& registry, const ObjectKind& kind, const std::string& summary);

}  // namespace fbmcp::ops
