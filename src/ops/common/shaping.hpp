// Turning Graph objects into what an agent reads: money as {minor_units, amount, currency}, status codes named,
// field lists merged with the caller's `fields`.
#pragma once
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

namespace fbmcp::ops {

// Replaces each money field present (Graph minor-unit strings) by a money view in `currency`.
void shape_money(nlohmann::json& object, const std::vector<std::string>& money_fields, const std::string& currency);

// "id,name,…" from the op's defaults plus the caller's args.fields (deduplicated, order kept).
std::string field_list(const std::vector<std::string>& defaults, const nlohmann::json& args);

// AdAccount account_status codes (FBD/marketing-api/reference/ad-account; graph-api-facts.md §2).
std::string account_status_name(int code);

}  // namespace fbmcp::ops
