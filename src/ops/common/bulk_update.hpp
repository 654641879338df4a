// bulk_update_<kind>s: status, name, budget (and bid where the kind has one) for up to 500 objects through the
// Batch API (≤50 per request), with a per-item outcome and one confirmation for the whole set when it spends.
#pragma once
#include "ops/common/object_kind.hpp"
#include "tool/op_registry.hpp"

namespace fbmcp::ops {

void register_bulk_update_op(tool::OpRegistry& registry, const ObjectKind& kind);

}  // namespace fbmcp::ops
