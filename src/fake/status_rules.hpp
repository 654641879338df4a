// effective_status as Graph derives it from an object's own status and its parents'.
#pragma once
#include "fake/object_store.hpp"

namespace fbmcp::fake {

// Recomputes effective_status of `node` and everything under it (campaign → ad sets → ads). Review states set by
// Meta (DISAPPROVED, PENDING_REVIEW, WITH_ISSUES, IN_PROCESS) survive while the object and its parents are ACTIVE.
void propagate_status(ObjectStore& store, Node& node);

// DELETE cascades: a deleted campaign takes its ad sets and ads with it.
void mark_deleted(ObjectStore& store, Node& node, const std::string& now);

}  // namespace fbmcp::fake
