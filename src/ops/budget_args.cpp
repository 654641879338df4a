#include "ops/budget_args.hpp"

#include "graph/json_fields.hpp"
#include "money/money.hpp"

namespace fbmcp::ops {

core::Error invalid_args(std::string message, std::string hint, std::string path) {
  return core::Error{core::ErrorKind::InvalidArgs, std::move(message), std::move(hint), std::move(path), std::nullopt,
                     nullptr};
}

core::Result<nlohmann::json> budget_params(const nlohmann::json& args, const std::string& currency,
                                           graph::Params& params, const std::string& prefix) {
  nlohmann::json set = nlohmann::json::object();
  for (const char* field : {"daily_budget", "lifetime_budget", "spend_cap"}) {
    if (!args.contains(field)) continue;
    const std::string path = prefix + field;
    auto minor = money::parse_money_arg(args[field], currency, path);
    if (!minor) return std::unexpected(minor.error());
    if (*minor <= 0 && std::string(field) != "spend_cap") {
      return std::unexpected(
          invalid_args(path + " must be more than zero", "pause the campaign instead of setting a zero budget", path));
    }
    params.set(field, std::to_string(*minor));
    set[field] = *minor;
  }
  if (set.contains("daily_budget") && set.contains("lifetime_budget")) {
    return std::unexpected(invalid_args("give daily_budget or lifetime_budget, not both",
                                        "a campaign has one budget type: daily, or lifetime with a stop_time",
                                        prefix + "lifetime_budget"));
  }
  return set;
}

core::Result<void> check_spend_limits(const tool::OpContext& ctx, const std::string& act_id, const std::string& currency,
                                      const nlohmann::json& budgets, const nlohmann::json& before) {
  if (!ctx.spend_guard) return {};
  for (const char* field : kBudgetFields) {
    if (!budgets.contains(field)) continue;
    // Graph sends budgets as strings of minor units; an unreadable one counts as 0, so the guard treats the whole
    // new budget as an increase (failing closed).
    const auto old_value = graph::read_int(before, field);
    const int64_t old_minor = old_value && *old_value ? **old_value : 0;
    if (auto ok = ctx.spend_guard->check(act_id, currency, field, old_minor, budgets[field].get<int64_t>()); !ok) {
      return ok;
    }
  }
  return {};
}

nlohmann::json budget_amounts(const nlohmann::json& minor_budgets, const std::string& currency) {
  nlohmann::json amounts = nlohmann::json::object();
  for (const auto& [field, minor] : minor_budgets.items()) amounts[field] = money::money_view(minor, currency);
  return amounts;
}

std::string money_text(int64_t minor, const std::string& currency) {
  auto amount = money::to_amount(minor, currency);
  return (amount ? *amount : std::to_string(minor)) + " " + currency;
}

}  // namespace fbmcp::ops
