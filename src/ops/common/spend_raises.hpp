// What in a change can spend more money — a higher budget or bid, or activation — found the same way for every
// kind, so each op only words it.
#pragma once
#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "graph/request.hpp"

namespace fbmcp::ops {

struct MoneyRaise {
  std::string field;  // daily_budget, lifetime_budget, bid_amount
  int64_t before = 0;  // minor units; 0 = none
  int64_t after = 0;
};

struct SpendRaises {
  std::vector<MoneyRaise> money;
  bool activates = false;     // status → ACTIVE from something else
  std::string status_before;  // when it activates
  bool empty() const { return money.empty() && !activates; }
};

// `raw` is the object as Graph has it now, `money` the minor units being set, `params` what will be sent.
SpendRaises spend_raises(const nlohmann::json& raw, const nlohmann::json& money,
                         const graph::Params& params);

}  // namespace fbmcp::ops
