// What the page ops share: the Graph fields a page row is read with, and the checked shaping of Graph's page into
// the row an agent gets (page_id, name, category, picture, instagram_business_account_id or null).
#pragma once
#include <nlohmann/json.hpp>
#include <string>

#include "core/error.hpp"

namespace fbmcp::ops {

// Page fields (Graph Page reference; /me/accounts rows: graph-api-facts.md "Instagram").
inline constexpr const char* kPageRowFields = "id,name,category,picture,instagram_business_account";

core::Result<nlohmann::json> shape_page_row(const nlohmann::json& page, const std::string& what);

}  // namespace fbmcp::ops
