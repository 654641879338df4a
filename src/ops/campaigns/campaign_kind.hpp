// Campaigns as the shared ops see them (ObjectKind).
#pragma once
#include "ops/common/object_kind.hpp"

namespace fbmcp::ops {

const ObjectKind& campaign_kind();

}  // namespace fbmcp::ops
