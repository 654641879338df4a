#include "ops/common/spend_raises.hpp"

#include "ops/common/money_args.hpp"

namespace fbmcp::ops {

SpendRaises spend_raises(const nlohmann::json& raw, const nlohmann::json& money,
                         const graph::Params& params) {
  SpendRaises raises;
  // A higher bid wins more auctions and so spends faster; a higher budget allows more spend. spend_cap only
  // limits, so raising it is not a raise in spending by itself.
  for (const char* field : {"daily_budget", "lifetime_budget", "bid_amount"}) {
    if (!money.contains(field)) continue;
    const int64_t before = current_minor(raw, field);
    const int64_t after = money[field].get<int64_t>();
    if (after > before) raises.money.push_back({field, before, after});
  }
  const auto* status = params.find("status");
  const std::string before = raw.is_object() ? raw.value("status", "") : "";
  if (status && *status == "ACTIVE" && before != "ACTIVE") {
    raises.activates = true;
    raises.status_before = before;
  }
  return raises;
}

}  // namespace fbmcp::ops
