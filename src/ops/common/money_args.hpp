// Money arguments shared by every write that sets a budget or a bid: money args → Graph minor units in the
// account currency, the spend guard, and how a change is worded.
#pragma once
#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "core/error.hpp"
#include "graph/request.hpp"
#include "ops/common/object_kind.hpp"
#include "tool/op_context.hpp"

namespace fbmcp::ops {

inline constexpr const char* kBudgetFields[] = {"daily_budget", "lifetime_budget"};

core::Error invalid_args(std::string message, std::string hint, std::string path);

// Reads each of the kind's money args (daily_budget, lifetime_budget, spend_cap, bid_amount) present in `args`, sets
// it on `params` in minor units and returns {field: minor_units}. `prefix` names where `args` sit, for error paths
// ("args.", "args.updates[2].").
core::Result<nlohmann::json> money_params(const nlohmann::json& args, const ObjectKind& kind,
                                          const std::string& currency, graph::Params& params,
                                          const std::string& prefix = "args.");

// Asks the spend guard about every budget in `money` ({field: minor units}); `before` is the object as Graph has it
// now (null for a create).
core::Result<void> check_spend_limits(const tool::OpContext& ctx, const std::string& act_id, const std::string& currency,
                                      const nlohmann::json& money, const nlohmann::json& before);

// {"daily_budget": 4000} (minor units, as money_params returns them) → {"daily_budget": "40.00"}, the compact
// money form results use (money::MoneyForm).
nlohmann::json money_amounts(const nlohmann::json& minor, const std::string& currency);

// The current value of a money field in minor units, 0 when the object has none.
int64_t current_minor(const nlohmann::json& raw, const std::string& field);

// "25.00 USD"
std::string money_text(int64_t minor, const std::string& currency);

// An ad account's spend_cap as Graph takes it on POST /act_<id>: the currency's main unit ("1500.00"), "0" for no
// limit — while it reads the cap back in minor units (update_spending_limit, undo_change).
core::Result<std::string> account_spend_cap_param(int64_t minor, const std::string& currency);

}  // namespace fbmcp::ops
