// Ad creatives as the shared reads and create see them (ObjectKind): no money, no status changes, no updates —
// Meta's creatives are immutable once made (graph-api-facts.md §2).
#pragma once
#include "ops/common/object_kind.hpp"

namespace fbmcp::ops {

const ObjectKind& creative_kind();

}  // namespace fbmcp::ops
