// Turning Graph objects into what an agent reads (DESIGN §6): money in one compact form (money::MoneyForm), lean
// list rows, status codes named, field lists merged with the caller's `fields`.
#pragma once
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "money/money.hpp"

namespace fbmcp::ops {

// The form the caller asked for: compact unless args.with_minor_units is true.
money::MoneyForm money_form(const nlohmann::json& args);

// Replaces each money field present (Graph minor-unit strings) by its view in `currency` (money::money_view).
// An account's spend_cap "0" means "no cap" and reads "none".
void shape_money(nlohmann::json& object, const std::vector<std::string>& money_fields, const std::string& currency,
                 money::MoneyForm form = money::MoneyForm::Compact);

// A list row without what the result's header already says once or what repeats another field: the fields in
// `said_by_header` (e.g. account_id under data.ad_account_id), and effective_status when it equals status (it is
// kept when it differs: CAMPAIGN_PAUSED, ADSET_PAUSED, IN_PROCESS, …). A field the caller named in args.fields is
// always kept.
void lean_row(nlohmann::json& row, const nlohmann::json& args, const std::vector<std::string>& said_by_header);

// "id,name,…" from the op's defaults plus the caller's args.fields (deduplicated, order kept).
std::string field_list(const std::vector<std::string>& defaults, const nlohmann::json& args);

// AdAccount account_status codes (FBD/marketing-api/reference/ad-account; graph-api-facts.md §2).
std::string account_status_name(int code);

}  // namespace fbmcp::ops
