// Budget arguments shared by campaign writes: money args → Graph minor units in the account currency.
#pragma once
#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>

#include "core/error.hpp"
#include "graph/request.hpp"
#include "tool/op_context.hpp"

namespace fbmcp::ops {

inline constexpr const char* kBudgetFields[] = {"daily_budget", "lifetime_budget"};

core::Error invalid_args(std::string message, std::string hint, std::string path);

// Reads daily_budget / lifetime_budget / spend_cap from `args`, sets them on `params` in minor units and returns
// {field: minor_units}. `prefix` names where `args` sits, for error paths ("args.", "args.updates[2].").
core::Result<nlohmann::json> budget_params(const nlohmann::json& args, const std::string& currency,
                                           graph::Params& params, const std::string& prefix = "args.");

// Asks the spend guard about every budget in `budgets` ({field: minor units}); `before` is the object as Graph has it
// now (null for a create).
core::Result<void> check_spend_limits(const tool::OpContext& ctx, const std::string& act_id, const std::string& currency,
                                      const nlohmann::json& budgets, const nlohmann::json& before);

// {"daily_budget": 4000} (minor units, as budget_params returns them) → {"daily_budget": "40.00"}, the compact
// money form results use (money::MoneyForm).
nlohmann::json budget_amounts(const nlohmann::json& minor_budgets, const std::string& currency);

// "25.00 USD"
std::string money_text(int64_t minor, const std::string& currency);

}  // namespace fbmcp::ops
