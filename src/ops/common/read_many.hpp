// Reading hundreds of objects of one kind (a bulk update's current state) in few Graph requests. A Batch API request
// holds at most 50 operations (FBD/graph-api/batch-requests), so reading 500 ad sets by id costs 10 requests; this
// costs 2 for objects of one account: the first 50 by id (which names their accounts), then the rest through their
// accounts' list edge filtered by id, 50 ids an operation, in one batch that also reads those accounts' facts
// (currency) into ctx.accounts. Objects that way does not find (another account, deleted) are read by id, so each
// still gets Graph's own answer. Graph's root `?ids=` read is not used: v26 removes it (restfb/restfb#1692).
#pragma once
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "core/error.hpp"
#include "ops/common/object_kind.hpp"
#include "tool/op_context.hpp"

namespace fbmcp::ops {

// One result per id, in order: the object with `fields` (which must include account_id), or Graph's error for it.
std::vector<core::Result<nlohmann::json>> read_many(tool::OpContext& ctx, const ObjectKind& kind,
                                                    const std::vector<std::string>& ids, const std::string& fields);

}  // namespace fbmcp::ops
