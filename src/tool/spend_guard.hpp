// The spend guard (DESIGN §5): hard limits on budgets an agent may set, per ad account, in the account's own
// currency, from FACEBOOK_SPEND_LIMITS. It fails closed: a limit that cannot be applied (unknown currency, bad
// amount) blocks the change rather than letting it through.
#pragma once
#include <cstdint>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>

#include "core/error.hpp"

namespace fbmcp::tool {

struct SpendLimits {
  std::optional<std::string> max_daily_budget;     // decimal amount in the account currency
  std::optional<std::string> max_lifetime_budget;
  std::optional<int> max_increase_pct;             // per change, relative to the current budget
};

class SpendGuard {
 public:
  SpendGuard() = default;  // no limits
  // {"default": {...}, "act_123": {...}} with keys max_daily_budget, max_lifetime_budget, max_increase_pct.
  static core::Result<SpendGuard> from_json(const nlohmann::json& config);

  // `field` is daily_budget or lifetime_budget; amounts in minor units; before 0 = no budget yet.
  core::Result<void> check(const std::string& act_id, const std::string& currency, const std::string& field,
                           int64_t before_minor, int64_t after_minor) const;
  bool empty() const { return limits_.empty(); }

 private:
  SpendLimits limits_for(const std::string& act_id) const;
  std::map<std::string, SpendLimits> limits_;  // "default" or act_<id>
};

}  // namespace fbmcp::tool
