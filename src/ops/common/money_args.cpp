#include "ops/common/money_args.hpp"

#include "graph/json_fields.hpp"
#include "money/money.hpp"

namespace fbmcp::ops {

core::Error invalid_args(std::string message, std::string hint, std::string path) {
  return core::Error{core::ErrorKind::InvalidArgs, std::move(message), std::move(hint), std::move(path), std::nullopt,
                     nullptr};
}

core::Result<nlohmann::json> money_params(const nlohmann::json& args, const ObjectKind& kind,
                                          const std::string& currency, graph::Params& params,
                                          const std::string& prefix) {
  nlohmann::json set = nlohmann::json::object();
  for (const auto& field : kind.money_args) {
    if (!args.contains(field)) continue;
    const std::string path = prefix + field;
    auto minor = money::parse_money_arg(args[field], currency, path);
    if (!minor) return std::unexpected(minor.error());
    // spend_cap 0 means "no cap" to Graph; a zero budget or bid is never meant.
    if (*minor <= 0 && field != "spend_cap") {
      return std::unexpected(invalid_args(path + " must be more than zero",
                                          field == "bid_amount" ? "give a bid such as {\"amount\": \"1.50\"}"
                                                                : "pause the " + kind.noun + " instead of setting a zero budget",
                                          path));
    }
    params.set(field, std::to_string(*minor));
    set[field] = *minor;
  }
  if (set.contains("daily_budget") && set.contains("lifetime_budget")) {
    return std::unexpected(invalid_args("give daily_budget or lifetime_budget, not both",
                                        kind.a_noun() + " has one budget type: daily, or lifetime with a " + kind.end_field,
                                        prefix + "lifetime_budget"));
  }
  return set;
}

core::Result<void> check_spend_limits(const tool::OpContext& ctx, const std::string& act_id, const std::string& currency,
                                      const nlohmann::json& money, const nlohmann::json& before) {
  if (!ctx.spend_guard) return {};
  for (const char* field : kBudgetFields) {
    if (!money.contains(field)) continue;
    // An unreadable current budget counts as 0, so the guard treats the whole new budget as an increase (failing
    // closed).
    if (auto ok = ctx.spend_guard->check(act_id, currency, field, current_minor(before, field),
                                         money[field].get<int64_t>());
        !ok) {
      return ok;
    }
  }
  return {};
}

nlohmann::json money_amounts(const nlohmann::json& minor, const std::string& currency) {
  nlohmann::json amounts = nlohmann::json::object();
  for (const auto& [field, value] : minor.items()) amounts[field] = money::money_view(value, currency);
  return amounts;
}

int64_t current_minor(const nlohmann::json& raw, const std::string& field) {
  // Graph sends money as strings of minor units (graph-api-facts.md §2).
  const auto value = graph::read_int(raw, field);
  return value && *value ? **value : 0;
}

std::string money_text(int64_t minor, const std::string& currency) {
  auto amount = money::to_amount(minor, currency);
  return (amount ? *amount : std::to_string(minor)) + " " + currency;
}

core::Result<std::string> account_spend_cap_param(int64_t minor, const std::string& currency) {
  if (minor == 0) return std::string("0");
  return money::to_amount(minor, currency);
}

}  // namespace fbmcp::ops
