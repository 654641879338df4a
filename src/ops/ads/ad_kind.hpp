// Ads as the shared ops see them (ObjectKind): no budgets of their own, a creative instead.
#pragma once
#include "ops/common/object_kind.hpp"

namespace fbmcp::ops {

const ObjectKind& ad_kind();

}  // namespace fbmcp::ops
