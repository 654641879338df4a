#include "auth/token_health.hpp"

namespace fbmcp::auth {

std::string status_for_token_error(int subcode) {
  constexpr int kExpiredSubcode = 463;  // "Session has expired" (graph-api-facts.md §6)
  return subcode == kExpiredSubcode ? "expired" : "invalid";
}

std::string status_from_facts(const TokenFacts& facts, int64_t now) {
  if (facts.valid) return "active";
  if (facts.expires_at > 0 && facts.expires_at <= now) return "expired";
  if (facts.error_code == kTokenErrorCode) return status_for_token_error(facts.error_subcode);
  return "invalid";
}

int64_t days_left(int64_t expires_at, int64_t now) {
  constexpr int64_t kDay = 24 * 60 * 60;
  const int64_t left = expires_at - now;
  return left >= 0 ? left / kDay : -((-left + kDay - 1) / kDay);
}

}  // namespace fbmcp::auth
