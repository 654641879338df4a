// effective_status as Graph derives it from an object's own status and its parents'.
#pragma once
#include "fake/object_store.hpp"

namespace fbmcp::fake {

// Recomputes effective_status of `node` and everything under it (campaign → ad sets → ads). Review states set by
// Meta (DISAPPROVED, PENDING_REVIEW, WITH_ISSUES, IN_PROCESS) survive while the object and its parents are ACTIVE.
void propagate_status(ObjectStore& store, Node& node);

// Meta reviews an ad before it delivers (effective_status PENDING_REVIEW, Meta SDK Ad.EffectiveStatus). begin_review
// marks a new ad, or one whose creative changed, as in review. The review runs only while the ad is set to deliver
// (own status and parents ACTIVE, so effective_status PENDING_REVIEW): its first direct read still shows
// PENDING_REVIEW, a later one ACTIVE (approved) — deterministic, so tests see both states.
void begin_review(nlohmann::json& ad);
// Called on each direct read (GET /<id>) of a node; true when the read moved its review on.
bool advance_review(Node& node);

// DELETE cascades: a deleted campaign takes its ad sets and ads with it.
void mark_deleted(ObjectStore& store, Node& node, const std::string& now);

}  // namespace fbmcp::fake
