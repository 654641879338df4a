// Budget rules shared by campaigns and ad sets: Graph keeps a budget at one level only (campaign budget = CBO, or
// ad set budgets), enforces the account's minimum daily budget, and reads budgets back as strings of minor units.
#pragma once
#include <nlohmann/json.hpp>
#include <optional>
#include <string>

#include "fake/graph_error.hpp"
#include "fake/object_store.hpp"

namespace fbmcp::fake {

// Graph's subcode for a budget at both levels: "Meta rejects budgets at both campaign and ad-set level (subcode
// 1885621)" — byadsco/meta-ads-mcp PR #97 and pipeboard-co/meta-ads-mcp PR #71 (two unrelated projects quoting
// Graph's answer; no Meta page lists the subcode).
inline constexpr int kBudgetOnBothLevelsSubcode = 1885621;

bool has_budget(const nlohmann::json& object);
// The account's min_daily_budget (minor units) against a daily_budget; other fields pass.
std::optional<GraphError> check_budget_minimum(const Node& account, const std::string& field, const std::string& value);
// Stores a budget as Graph reads it back: the field and budget_remaining, strings of minor units.
void set_budget(nlohmann::json& object, const std::string& field, const std::string& value);

}  // namespace fbmcp::fake
