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

// What reads return: {"minor_units":"2500","amount":"25.00","currency":"USD"}. `graph_value` is Graph's string.
nlohmann::json money_view(const nlohmann::json& graph_value, std::string_view currency);

// Parses a money argument as the tool accepts it: {"amount":"25.00","currency"?:"USD"}, {"minor_units":2500}
// or a bare decimal string "25.00". `path` names the argument in errors. Bare numbers are refused: whether 25
// means $25 or 25 cents is exactly the ambiguity that has cost peers' users money.
core::Result<int64_t> parse_money_arg(const nlohmann::json& value, std::string_view currency, std::string_view path);

}  // namespace fbmcp::money
