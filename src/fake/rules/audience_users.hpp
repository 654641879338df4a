// Who is in a customer-list audience: POST /<audience_id>/users (add), DELETE /<audience_id>/users (remove) and
// POST /<audience_id>/usersreplace, with `payload` {schema, data} and `session` {session_id, batch_seq,
// last_batch_flag, estimated_num_total} (graph-api-facts.md §2; PSDK customaudiencemixin.py format_params);
// and sharing, POST /<audience_id>/adaccounts {adaccounts:[…]} (PSDK customaudiencemixin.py share_audience).
//
// Meta's rules kept here: at most 10,000 rows per request (FBD → documentation/ads-commerce/marketing-api/
// audiences/guides/custom-audiences: "each request can take up to 10,000 users"); usersreplace needs a session
// (FBD → …/reference/custom-audience/usersreplace); a row whose data does not match the schema is refused as
// "(#100) Data is missing or does not match schema" (Graph's words quoted in facebook/facebook-ruby-business-sdk
// issue #63); a value of a hashed key that is not 64 lowercase hex is an invalid entry, counted in
// num_invalid_entries. The answer {audience_id, session_id, num_received, num_invalid_entries,
// invalid_entry_samples} is as observed (graph-api-facts.md §2, [obs]).
//
// Sizes: a row "matches" a person when the first hex digit of its first hashed value is below 'a' (10 in 16, so
// about 62 %), deterministic per person; within a session the audience's size moves when the last batch arrives.
#pragma once
#include <optional>

#include "fake/write_context.hpp"

namespace fbmcp::fake {

// nullopt when `edge` of `node` is none of these edges (or the method does not apply).
std::optional<WriteResult> audience_users_edge(WriteContext& ctx, Node& audience, const std::string& method,
                                               const std::string& edge, const ParamMap& params);

// Whether share_audience (POST /<audience_id>/adaccounts) shared `audience` with the ad account `act_id` ("act_<n>"):
// it is then listed under that account's /customaudiences too, as a shared audience is in Ads Manager.
bool is_shared_with(const Node& audience, const std::string& act_id);

}  // namespace fbmcp::fake
