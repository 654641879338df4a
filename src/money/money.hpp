// Exact money: decimal strings ↔ Graph minor units. No floating point anywhere on this path (DESIGN §5).
#pragma once
#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

#include "core/error.hpp"

namespace fbmcp::money {

// "25.00" USD → 2500; "3000" JPY → 3000; "25.001" USD → error (more precision than the currency has).
core::Result<int64_t> to_minor_units(std::string_view amount, std::string_view currency);

// 2500 USD → "25.00"; 3000 JPY → "3000".
core::Result<std::string> to_amount(int64_t minor_units, std::string_view currency);

// How results show money (README "Money"): one compact form, a decimal string in the account currency ("25.00"),
// the currency said once by the result, not per value; minor units only when the caller asks
// (args.with_minor_units): {"amount":"25.00","minor_units":"2500"}.
enum class MoneyForm { Compact, WithMinorUnits };

// `graph_value` is Graph's minor-unit string (or integer). A value that is not a whole number of minor units is
// shown as {"minor_units": <as Graph sent it>} in either form, so nothing is lost or invented; null when absent.
nlohmann::json money_view(const nlohmann::json& graph_value, std::string_view currency,
                          MoneyForm form = MoneyForm::Compact);

// Parses a money argument as the tool accepts it: {"amount":"25.00","currency"?:"USD"}, {"minor_units":2500}
// or a bare decimal string "25.00". `path` names the argument in errors. Bare numbers are refused: whether 25
// means $25 or 25 cents is exactly the ambiguity that has cost peers' users money.
core::Result<int64_t> parse_money_arg(const nlohmann::json& value, std::string_view currency, std::string_view path);

}  // namespace fbmcp::money
