// Which Facebook permission each op needs, by family and effect, so auth_status can say which ops a token's scopes
// do not allow (Permissions Reference, developers.facebook.com/docs/permissions: ads_management "allows your app to
// both read and manage the Ads account"; ads_read reads ads data and insights; pages_show_list lists the Pages a
// person manages; instagram_basic reads an Instagram account's profile and media).
#pragma once
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "tool/op_registry.hpp"

namespace fbmcp::ops {

// Any one of these permissions lets the op run; empty = none needed (the auth ops, help).
std::vector<std::string> permissions_for(const tool::OpSpec& spec);

// [{op, needs_any_of}] for every registered op that none of `scopes` allows.
nlohmann::json ops_not_allowed(const tool::OpRegistry& registry, const nlohmann::json& scopes);

}  // namespace fbmcp::ops
