#include "ops/common/shaping.hpp"

#include <algorithm>

#include "money/money.hpp"

namespace fbmcp::ops {

namespace {

// Graph reports "no spend cap" as spend_cap "0" (graph-api-facts.md §2): a cap of zero would forbid any spend,
// which is never what "0" means there, so it must not read as "0.00 USD".
bool is_no_cap(const std::string& field, const nlohmann::json& value) {
  return field == "spend_cap" && ((value.is_string() && value == "0") || (value.is_number_integer() && value == 0));
}

}  // namespace

money::MoneyForm money_form(const nlohmann::json& args) {
  const auto it = args.find("with_minor_units");
  return it != args.end() && it->is_boolean() && it->get<bool>() ? money::MoneyForm::WithMinorUnits
                                                                  : money::MoneyForm::Compact;
}

void shape_money(nlohmann::json& object, const std::vector<std::string>& money_fields, const std::string& currency,
                 money::MoneyForm form) {
  for (const auto& field : money_fields) {
    if (!object.contains(field) || object[field].is_object()) continue;
    if (is_no_cap(field, object[field])) {
      object[field] = "none";
      continue;
    }
    object[field] = money::money_view(object[field], currency, form);
  }
}

void lean_row(nlohmann::json& row, const nlohmann::json& args, const std::vector<std::string>& said_by_header) {
  if (!row.is_object()) return;
  const auto asked = [&](const std::string& field) {
    const auto fields = args.find("fields");
    return fields != args.end() && fields->is_array() &&
           std::find(fields->begin(), fields->end(), field) != fields->end();
  };
  for (const auto& field : said_by_header) {
    if (!asked(field)) row.erase(field);
  }
  const auto status = row.find("status");
  const auto effective = row.find("effective_status");
  if (status != row.end() && effective != row.end() && *status == *effective && !asked("effective_status")) {
    row.erase(effective);
  }
}

std::string field_list(const std::vector<std::string>& defaults, const nlohmann::json& args) {
  std::vector<std::string> fields = defaults;
  if (args.contains("fields")) {
    for (const auto& field : args["fields"]) {
      const auto name = field.get<std::string>();
      if (std::find(fields.begin(), fields.end(), name) == fields.end()) fields.push_back(name);
    }
  }
  std::string out;
  for (const auto& field : fields) out += (out.empty() ? "" : ",") + field;
  return out;
}

std::string account_status_name(int code) {
  switch (code) {
    case 1: return "ACTIVE";
    case 2: return "DISABLED";
    case 3: return "UNSETTLED";
    case 7: return "PENDING_RISK_REVIEW";
    case 8: return "PENDING_SETTLEMENT";
    case 9: return "IN_GRACE_PERIOD";
    case 100: return "PENDING_CLOSURE";
    case 101: return "CLOSED";
    case 201: return "ANY_ACTIVE";
    case 202: return "ANY_CLOSED";
    default: return "UNKNOWN";
  }
}

}  // namespace fbmcp::ops
