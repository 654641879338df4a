// POST /<campaign_id|adset_id|ad_id>/copies (FBD/marketing-api/reference/ad-campaign-group/copies; PSDK
// create_copy on Campaign, AdSet, Ad): one rule for every kind, parameterized by the kind's table row.
#pragma once
#include "fake/write_context.hpp"

namespace fbmcp::fake {

bool can_copy(const std::string& type);
// While one lives, copies run as items of an asynchronous batch request: deep copies take up to 51 ads instead of 3.
class AsyncCopyScope {
 public:
  AsyncCopyScope();
  ~AsyncCopyScope();
  AsyncCopyScope(const AsyncCopyScope&) = delete;
  AsyncCopyScope& operator=(const AsyncCopyScope&) = delete;

 private:
  bool previous_;
};
// Copies `source` (and its children with deep_copy) and answers Graph's shape:
// {"copied_<kind>_id": "…", "ad_object_ids": [{"ad_object_type", "source_id", "copied_id"}, …]}.
// With validate_only nothing is stored and the answer is {"success": true}. `new_ids` receives every new object's
// id (top-level first), so the caller can recompute effective statuses.
WriteResult copy_object(WriteContext& ctx, const Node& source, const ParamMap& params, std::vector<std::string>& new_ids);

}  // namespace fbmcp::fake
