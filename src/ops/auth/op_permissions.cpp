#include "ops/auth/op_permissions.hpp"

#include <algorithm>

namespace fbmcp::ops {

std::vector<std::string> permissions_for(const tool::OpSpec& spec) {
  if (spec.family == "auth") return {};
  if (spec.family == "pages") return {"pages_show_list"};
  if (spec.family == "instagram") return {"instagram_basic"};
  // Every other family reads or changes ad accounts: ads_management covers reads as well as writes.
  if (spec.effect == tool::Effect::Read) return {"ads_read", "ads_management"};
  return {"ads_management"};
}

nlohmann::json ops_not_allowed(const tool::OpRegistry& registry, const nlohmann::json& scopes) {
  const auto granted = [&](const std::string& permission) {
    return std::any_of(scopes.begin(), scopes.end(), [&](const nlohmann::json& scope) {
      return scope.is_string() && scope.get<std::string>() == permission;
    });
  };
  nlohmann::json blocked = nlohmann::json::array();
  for (const auto* op : registry.all()) {
    const auto needs = permissions_for(op->spec);
    if (needs.empty() || std::any_of(needs.begin(), needs.end(), granted)) continue;
    blocked.push_back({{"op", op->spec.name}, {"needs_any_of", needs}});
  }
  return blocked;
}

}  // namespace fbmcp::ops
