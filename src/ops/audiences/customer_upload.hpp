// Sending prepared customer rows (customer_rows.hpp) to /<audience_id>/users (add: POST, remove: DELETE) or
// /usersreplace: batches of at most 10,000 rows (FBD → …/audiences/guides/custom-audiences: "each request can take
// up to 10,000 users"), all of one Graph session {session_id, batch_seq, last_batch_flag, estimated_num_total}
// (graph-api-facts.md §2), several batches in flight at once, progress after each wave. The last batch goes alone,
// after the others have answered: Meta applies a session when its last batch arrives, so it must arrive last.
#pragma once
#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>

#include "ops/audiences/customer_rows.hpp"
#include "tool/op_context.hpp"

namespace fbmcp::ops {

enum class UploadMode { Add, Remove, Replace };

struct UploadPlan {
  std::string audience_id;
  UploadMode mode = UploadMode::Add;
  size_t rows_per_batch = 10'000;
  size_t parallel = 4;  // batches in flight at once
};

// Per-batch outcomes ({batch_seq, rows, num_received, num_invalid_entries, invalid_rows, error?}), totals and the
// session id. Graph's invalid_entry_samples (hashed values) are turned into row numbers here and never returned.
nlohmann::json upload_customer_rows(tool::OpContext& ctx, const UploadPlan& plan, const PreparedRows& rows);

// A session id derived from what is sent (audience, mode, every hashed row): the same upload retried is the same
// session, and no clock or randomness makes results differ from run to run. 15 hex digits → a positive int64.
int64_t upload_session_id(const UploadPlan& plan, const PreparedRows& rows);

}  // namespace fbmcp::ops
