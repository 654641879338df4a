// What a stored token's status becomes when Graph refuses it or debug_token describes it (issue 12, token health).
#pragma once
#include <cstdint>
#include <string>

#include "auth/oauth_exchange.hpp"

namespace fbmcp::auth {

// Graph's token error (code 190) → "expired" (subcode 463) or "invalid" (any other: 458 app removed, 459
// checkpointed, 460 password changed, 464 unconfirmed user, 467 invalid token, 492 invalid session, none = cannot
// parse; FBD/graph-api/guides/error-handling, "Access token errors", graph-api-facts.md §6). A throttle (4, 17, 32,
// 613, 8000x) is not a token error and never reaches this.
inline constexpr int kTokenErrorCode = 190;
std::string status_for_token_error(int subcode);

// "active" when debug_token calls the token valid; "expired" when it is past its expiry; "invalid" otherwise.
std::string status_from_facts(const TokenFacts& facts, int64_t now);

// Days from `now` to `expires_at`, rounded down (negative once past); only meaningful when expires_at > 0.
int64_t days_left(int64_t expires_at, int64_t now);

}  // namespace fbmcp::auth
