#include "fake/rules/audience_status.hpp"

namespace fbmcp::fake {

void set_audience_size(nlohmann::json& audience, int64_t matched) {
  if (matched < 0) matched = 0;
  audience["approximate_count_lower_bound"] = matched;
  audience["approximate_count_upper_bound"] = matched + matched * 18 / 100;
  if (matched >= kMinDeliverableAudience) {
    audience["delivery_status"] = {{"code", 200}, {"description", "This audience is ready for use."}};
  } else {
    audience["delivery_status"] = {{"code", 300}, {"description", "Audience is too small"}};
  }
}

nlohmann::json normal_operation_status() { return {{"code", 200}, {"description", "Normal"}}; }

nlohmann::json populating_delivery_status() {
  return {{"code", 300}, {"description", "This lookalike audience is being populated."}};
}

}  // namespace fbmcp::fake
