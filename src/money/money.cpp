#include "money/money.hpp"

#include <charconv>
#include <limits>

#include "money/currency.hpp"

namespace fbmcp::money {
namespace {

constexpr int64_t kMaxMinorUnits = std::numeric_limits<int64_t>::max() / 1000;

core::Error money_error(std::string_view path, std::string message, std::string_view currency) {
  core::Error e{core::ErrorKind::InvalidArgs, std::move(message), {}, std::string(path), std::nullopt, nullptr};
  const bool zero_decimal = currency_offset(currency).value_or(100) == 1;
  e.hint = zero_decimal ? R"(give the amount as a decimal string in whole )" + std::string(currency) +
                              R"(, e.g. {"amount": "3000"}, or {"minor_units": 3000})"
                        : R"(give the amount as a decimal string in )" + std::string(currency) +
                              R"(, e.g. {"amount": "25.00"}, or {"minor_units": 2500})";
  return e;
}

}  // namespace

core::Result<int64_t> to_minor_units(std::string_view amount, std::string_view currency) {
  auto offset = currency_offset(currency);
  if (!offset) return std::unexpected(offset.error());
  const int places = decimal_places(*offset);
  const auto dot = amount.find('.');
  const std::string_view whole = amount.substr(0, dot);
  const std::string_view fraction = dot == std::string_view::npos ? std::string_view{} : amount.substr(dot + 1);
  const auto all_digits = [](std::string_view s) {
    return !s.empty() && s.find_first_not_of("0123456789") == std::string_view::npos;
  };
  if (!all_digits(whole) || (dot != std::string_view::npos && !all_digits(fraction))) {
    return std::unexpected(money_error("", "'" + std::string(amount) + "' is not a plain decimal amount", currency));
  }
  if (static_cast<int>(fraction.size()) > places) {
    return std::unexpected(money_error("",
                                       "'" + std::string(amount) + "' has more decimal places than " +
                                           std::string(currency) + " allows (" + std::to_string(places) + ")",
                                       currency));
  }
  std::string digits(whole);
  digits.append(fraction);
  digits.append(static_cast<size_t>(places) - fraction.size(), '0');
  int64_t minor = 0;
  const auto [ptr, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), minor);
  if (ec != std::errc() || ptr != digits.data() + digits.size() || minor > kMaxMinorUnits) {
    return std::unexpected(money_error("", "'" + std::string(amount) + "' is too large", currency));
  }
  return minor;
}

core::Result<std::string> to_amount(int64_t minor_units, std::string_view currency) {
  auto offset = currency_offset(currency);
  if (!offset) return std::unexpected(offset.error());
  const int places = decimal_places(*offset);
  const bool negative = minor_units < 0;
  std::string digits = std::to_string(negative ? -minor_units : minor_units);
  if (places > 0) {
    if (static_cast<int>(digits.size()) <= places) digits.insert(0, places + 1 - digits.size(), '0');
    digits.insert(digits.size() - places, ".");
  }
  return negative ? "-" + digits : digits;
}

nlohmann::json money_view(const nlohmann::json& graph_value, std::string_view currency, MoneyForm form) {
  std::string minor;
  if (graph_value.is_string()) minor = graph_value.get<std::string>();
  else if (graph_value.is_number_integer()) minor = std::to_string(graph_value.get<int64_t>());
  else return nullptr;
  int64_t value = 0;
  const auto [ptr, ec] = std::from_chars(minor.data(), minor.data() + minor.size(), value);
  const auto amount = ec == std::errc() && ptr == minor.data() + minor.size()
                          ? to_amount(value, currency)
                          : core::Result<std::string>(std::unexpected(core::Error{}));
  if (!amount) return {{"minor_units", minor}};
  if (form == MoneyForm::Compact) return *amount;
  return {{"amount", *amount}, {"minor_units", minor}};
}

core::Result<int64_t> parse_money_arg(const nlohmann::json& value, std::string_view currency, std::string_view path) {
  const auto with_path = [&](core::Result<int64_t> r) -> core::Result<int64_t> {
    if (!r) {
      auto e = r.error();
      e.path = std::string(path);
      e.message = std::string(path) + ": " + e.message;
      return std::unexpected(e);
    }
    return r;
  };
  if (value.is_string()) return with_path(to_minor_units(value.get<std::string>(), currency));
  if (value.is_object()) {
    if (value.contains("currency") && value["currency"] != currency) {
      return std::unexpected(money_error(path,
                                         std::string(path) + ": currency " + value["currency"].dump() +
                                             " does not match the ad account's currency " + std::string(currency),
                                         currency));
    }
    if (value.contains("amount") && value["amount"].is_string()) {
      return with_path(to_minor_units(value["amount"].get<std::string>(), currency));
    }
    if (value.contains("minor_units")) {
      const auto& minor = value["minor_units"];
      if (minor.is_number_integer() && minor.get<int64_t>() >= 0 && minor.get<int64_t>() <= kMaxMinorUnits) {
        return minor.get<int64_t>();
      }
      if (minor.is_string()) {
        auto parsed = to_minor_units(minor.get<std::string>(), "JPY");  // offset 1: digits only, no decimals
        if (parsed) return parsed;
      }
      return std::unexpected(
          money_error(path, std::string(path) + ".minor_units must be a non-negative whole number", currency));
    }
  }
  return std::unexpected(money_error(path,
                                     std::string(path) + ": expected {\"amount\": \"<decimal>\"} or {\"minor_units\": "
                                                         "<integer>}, got " + value.dump(),
                                     currency));
}

}  // namespace fbmcp::money
