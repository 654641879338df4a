// Meta's currency offsets: the integer Graph wants for a budget = amount × offset (USD 12.50 → 1250, JPY 1250 → 1250).
#pragma once
#include <cstdint>
#include <string_view>

#include "core/error.hpp"

namespace fbmcp::money {

// Unknown currencies are an error, never a guess (a wrong offset is a 100× budget mistake).
core::Result<int64_t> currency_offset(std::string_view currency);

// Number of decimal places an amount may carry in this currency (2 for offset 100, 0 for offset 1).
int decimal_places(int64_t offset);

}  // namespace fbmcp::money
