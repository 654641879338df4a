// Ad sets as the shared ops see them (ObjectKind), and the ad-set rules the client checks before calling Graph.
#pragma once
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "core/error.hpp"
#include "ops/common/object_kind.hpp"

namespace fbmcp::ops {

const ObjectKind& adset_kind();

// A campaign with its own budget (campaign budget, "CBO") holds the money for all its ad sets: an ad-set budget
// under it is refused, naming the campaign and how to budget per ad set instead. `campaign` is the campaign as
// Graph returned it, `money` the minor units being set.
core::Result<void> check_campaign_budget_owner(const nlohmann::json& campaign, const nlohmann::json& money,
                                               const std::string& currency, const std::string& prefix);

// The billing event of an optimization goal that Meta bills only one way (so it may be left out and filled in);
// nullopt when the goal allows a choice.
std::optional<std::string> only_billing_event(const std::string& optimization_goal);

}  // namespace fbmcp::ops
