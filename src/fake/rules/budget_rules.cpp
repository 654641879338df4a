#include "fake/rules/budget_rules.hpp"

namespace fbmcp::fake {

bool has_budget(const nlohmann::json& object) {
  return object.contains("daily_budget") || object.contains("lifetime_budget");
}

std::optional<GraphError> check_budget_minimum(const Node& account, const std::string& field, const std::string& value) {
  if (field != "daily_budget") return std::nullopt;
  const auto minimum = account.data.value("min_daily_budget", 0);
  if (minimum > 0 && std::stoll(value) < minimum) {
    return invalid_param(field, "", "Budget too low",
                         "The daily budget must be at least " + std::to_string(minimum) +
                             " (in the account currency's minor units).");
  }
  return std::nullopt;
}

void set_budget(nlohmann::json& object, const std::string& field, const std::string& value) {
  object[field] = value;
  object["budget_remaining"] = value;
}

}  // namespace fbmcp::fake
