#include "fake/rules/saved_audience_rules.hpp"

#include "core/json_read.hpp"
#include "fake/targeting/targeting_spec.hpp"

namespace fbmcp::fake {

WriteResult build_saved_audience(WriteContext& ctx, const Node& account, const ParamMap& params) {
  const auto name = param(params, "name");
  if (!name || name->empty()) return std::unexpected(missing_param("name"));
  const auto targeting = json_param(params, "targeting");
  if (!targeting) return std::unexpected(missing_param("targeting"));
  if (auto refused = validate_targeting(ctx.targeting, ctx.store, *targeting, "targeting", nlohmann::json::array())) {
    return std::unexpected(*refused);
  }
  const std::string account_id = core::string_or_empty(account.data, "account_id");
  return nlohmann::json{{"account_id", account_id},
                        {"account", {{"id", "act_" + account_id}, {"account_id", account_id}}},
                        {"name", *name},
                        {"description", param(params, "description").value_or("")},
                        {"targeting", *targeting},
                        {"time_created", ctx.now},
                        {"time_updated", ctx.now}};
}

}  // namespace fbmcp::fake
