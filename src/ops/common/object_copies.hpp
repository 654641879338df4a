// duplicate_<kind>: POST /<id>/copies, always PAUSED, optionally with everything under it (deep_copy) and into
// another parent, named with a suffix so the copy is told apart from its source.
#pragma once
#include "ops/common/object_kind.hpp"
#include "tool/op_registry.hpp"

namespace fbmcp::ops {

void register_duplicate_op(tool::OpRegistry& registry, const ObjectKind& kind, const std::string& summary);

}  // namespace fbmcp::ops
