// pause_<kind>, resume_<kind>, archive_<kind>, delete_<kind>: one status transition, the same for every kind.
#pragma once
#include "ops/common/object_kind.hpp"
#include "tool/op_registry.hpp"

namespace fbmcp::ops {

void register_status_ops(tool::OpRegistry& registry, const ObjectKind& kind);

}  // namespace fbmcp::ops
