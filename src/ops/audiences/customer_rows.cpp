#include "ops/audiences/customer_rows.hpp"

#include <algorithm>
#include <array>
#include <optional>

#include "core/text.hpp"

namespace fbmcp::ops {
namespace {

// One source column: either a Graph key, or a date of birth that fills DOBY, DOBM and DOBD.
struct SourceColumn {
  std::optional<CustomerKey> key;  // nullopt: the "dob" column
};

bool is_dob_column(const std::string& name) { return core::ascii_lower(name) == "dob"; }

// "1990-07-04", "1990/07/04" or "19900704" → {"1990","07","04"}; Graph has no DOB key, only its three parts
// (PSDK customaudiencemixin.py MultiKeySchema: DOBY, DOBM, DOBD).
std::optional<std::array<std::string, 3>> split_date_of_birth(const std::string& text) {
  std::string digits;
  std::vector<std::string> parts;
  std::string current;
  for (char c : text) {
    if (c >= '0' && c <= '9') {
      current += c;
      digits += c;
    } else if (c == '-' || c == '/' || c == '.') {
      parts.push_back(current);
      current.clear();
    } else if (c != ' ') {
      return std::nullopt;
    }
  }
  parts.push_back(current);
  if (parts.size() == 1 && digits.size() == 8) return std::array<std::string, 3>{digits.substr(0, 4), digits.substr(4, 2), digits.substr(6, 2)};
  if (parts.size() == 3 && parts[0].size() == 4) return std::array<std::string, 3>{parts[0], parts[1], parts[2]};
  return std::nullopt;
}

std::string column_reason(CustomerKey key) {
  switch (key) {
    case CustomerKey::Email: return "not an email address (name@domain.tld)";
    case CustomerKey::Phone: return "not a phone number with country code (at least 7 digits, e.g. +1 650 555 1212)";
    case CustomerKey::Fn:
    case CustomerKey::Ln:
    case CustomerKey::Ct:
    case CustomerKey::St:
    case CustomerKey::Fi: return "has no letters a-z";
    case CustomerKey::Zip: return "is empty once spaces and the part after '-' are removed";
    case CustomerKey::Country: return "not a 2-letter ISO 3166-1 country code (e.g. US)";
    case CustomerKey::Doby: return "not a 4-digit year";
    case CustomerKey::Dobm: return "not a month 1-12";
    case CustomerKey::Dobd: return "not a day 1-31";
    case CustomerKey::Gen: return "not m or f";
    case CustomerKey::Madid:
    case CustomerKey::ExternId: return "invalid";
  }
  return "invalid";
}

}  // namespace

const char* customer_columns_help() {
  return "email, phone, fn, ln, fi, zip, ct, st, country, dob (YYYY-MM-DD), doby, dobm, dobd, gen, madid, extern_id";
}

core::Result<PreparedRows> prepare_customer_rows(const CustomerTable& table, const std::string& where) {
  PreparedRows out;
  std::vector<SourceColumn> sources;
  std::vector<CustomerKey> keys;  // the schema, in order
  const auto add_key = [&](CustomerKey key) -> bool {
    if (std::find(keys.begin(), keys.end(), key) != keys.end()) return false;
    keys.push_back(key);
    return true;
  };
  for (size_t i = 0; i < table.columns.size(); ++i) {
    const auto& name = table.columns[i];
    bool fresh = true;
    if (is_dob_column(name)) {
      sources.push_back({std::nullopt});
      for (auto part : {CustomerKey::Doby, CustomerKey::Dobm, CustomerKey::Dobd}) fresh = add_key(part) && fresh;
    } else if (auto key = customer_key_from_name(name)) {
      sources.push_back({*key});
      fresh = add_key(*key);
    } else {
      auto e = core::fail(core::ErrorKind::InvalidArgs,
                          "column " + std::to_string(i + 1) + " ('" + name.substr(0, 40) + "') is not a customer key",
                          std::string("name columns with these keys: ") + customer_columns_help());
      e.error().path = where;
      return e;
    }
    if (!fresh) {
      auto e = core::fail(core::ErrorKind::InvalidArgs,
                          "column '" + name.substr(0, 40) + "' repeats a key another column already gives",
                          "give each key once (dob fills doby, dobm and dobd, so use either dob or those three)");
      e.error().path = where;
      return e;
    }
  }
  if (keys.empty()) {
    auto e = core::fail(core::ErrorKind::InvalidArgs, "the customer list has no columns",
                        std::string("give at least one of: ") + customer_columns_help());
    e.error().path = where;
    return e;
  }
  for (auto key : keys) out.schema.push_back(std::string(graph_key_name(key)));

  for (size_t r = 0; r < table.rows.size(); ++r) {
    const auto& row = table.rows[r];
    const size_t number = r < table.row_numbers.size() ? table.row_numbers[r] : r + 1;
    // Wire values by schema position.
    std::vector<std::string> wire(keys.size());
    std::optional<InvalidRow> bad;
    bool any = false;
    const auto set = [&](CustomerKey key, std::string_view raw) {
      const auto at = static_cast<size_t>(std::find(keys.begin(), keys.end(), key) - keys.begin());
      auto value = wire_customer_value(key, raw);
      if (!value) {
        if (!bad) bad = InvalidRow{number, std::string(graph_key_name(key)), column_reason(key)};
        return;
      }
      any = any || !value->empty();
      wire[at] = std::move(*value);
    };
    for (size_t c = 0; c < sources.size(); ++c) {
      const std::string_view raw = c < row.size() ? std::string_view(row[c]) : std::string_view();
      if (sources[c].key) {
        set(*sources[c].key, raw);
        continue;
      }
      if (raw.find_first_not_of(" \t") == std::string_view::npos) continue;
      const auto parts = split_date_of_birth(std::string(raw));
      if (!parts) {
        if (!bad) bad = InvalidRow{number, "DOB", "not a date YYYY-MM-DD"};
        continue;
      }
      set(CustomerKey::Doby, (*parts)[0]);
      set(CustomerKey::Dobm, (*parts)[1]);
      set(CustomerKey::Dobd, (*parts)[2]);
    }
    if (!bad && !any) bad = InvalidRow{number, "", "the row has no values"};
    if (bad) {
      out.invalid.push_back(std::move(*bad));
      continue;
    }
    out.data.push_back(nlohmann::json(std::move(wire)));
    out.row_numbers.push_back(number);
  }
  return out;
}

}  // namespace fbmcp::ops
