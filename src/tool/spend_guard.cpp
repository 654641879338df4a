#include "tool/spend_guard.hpp"

#include "money/money.hpp"

namespace fbmcp::tool {
namespace {

core::Error blocked(std::string message) {
  return core::Error{core::ErrorKind::PolicyBlocked, std::move(message),
                     "this server's spend limits (FACEBOOK_SPEND_LIMITS) forbid it; ask whoever runs it to raise the "
                     "limit, or choose a smaller change",
                     {}, std::nullopt, nullptr};
}

}  // namespace

core::Result<SpendGuard> SpendGuard::from_json(const nlohmann::json& config) {
  SpendGuard guard;
  if (config.is_null()) return guard;
  if (!config.is_object()) return core::fail(core::ErrorKind::InvalidArgs, "FACEBOOK_SPEND_LIMITS must be a JSON object");
  for (const auto& [scope, value] : config.items()) {
    if (scope != "default" && scope.rfind("act_", 0) != 0) {
      return core::fail(core::ErrorKind::InvalidArgs,
                        "FACEBOOK_SPEND_LIMITS: '" + scope + "' is neither \"default\" nor an act_<id>");
    }
    SpendLimits limits;
    for (const char* key : {"max_daily_budget", "max_lifetime_budget"}) {
      if (!value.contains(key)) continue;
      if (!value[key].is_string()) {
        return core::fail(core::ErrorKind::InvalidArgs,
                          std::string("FACEBOOK_SPEND_LIMITS: ") + key + " must be a decimal string like \"500.00\"");
      }
      (std::string(key) == "max_daily_budget" ? limits.max_daily_budget : limits.max_lifetime_budget) = value[key];
    }
    if (value.contains("max_increase_pct")) limits.max_increase_pct = value["max_increase_pct"].get<int>();
    guard.limits_[scope] = limits;
  }
  return guard;
}

SpendLimits SpendGuard::limits_for(const std::string& act_id) const {
  SpendLimits merged;
  for (const auto& scope : {std::string("default"), act_id}) {
    const auto it = limits_.find(scope);
    if (it == limits_.end()) continue;
    if (it->second.max_daily_budget) merged.max_daily_budget = it->second.max_daily_budget;
    if (it->second.max_lifetime_budget) merged.max_lifetime_budget = it->second.max_lifetime_budget;
    if (it->second.max_increase_pct) merged.max_increase_pct = it->second.max_increase_pct;
  }
  return merged;
}

core::Result<void> SpendGuard::check(const std::string& act_id, const std::string& currency, const std::string& field,
                                     int64_t before_minor, int64_t after_minor) const {
  if (limits_.empty()) return {};
  const auto limits = limits_for(act_id);
  const auto& cap = field == "daily_budget" ? limits.max_daily_budget : limits.max_lifetime_budget;
  const auto shown = [&](int64_t minor) { return money::to_amount(minor, currency).value_or("?") + " " + currency; };
  if (cap) {
    auto cap_minor = money::to_minor_units(*cap, currency);
    if (!cap_minor) {
      return std::unexpected(blocked("the " + field + " limit '" + *cap + "' cannot be applied in " + currency +
                                     " (" + cap_minor.error().message + "), so the change is blocked"));
    }
    if (after_minor > *cap_minor) {
      return std::unexpected(blocked(field + " " + shown(after_minor) + " is above the limit of " + shown(*cap_minor) +
                                     " set for " + act_id));
    }
  }
  if (limits.max_increase_pct && before_minor > 0 &&
      after_minor * 100 > before_minor * (100 + *limits.max_increase_pct)) {
    return std::unexpected(blocked(field + " " + shown(before_minor) + " → " + shown(after_minor) + " raises it by more than " +
                                   std::to_string(*limits.max_increase_pct) + "% in one change (limit for " + act_id + ")"));
  }
  return {};
}

}  // namespace fbmcp::tool
