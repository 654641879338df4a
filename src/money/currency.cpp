#include "money/currency.hpp"

#include <array>
#include <string>
#include <utility>

namespace fbmcp::money {
namespace {

// Source: Meta Marketing API reference, "Currency codes" (developers.facebook.com/docs/marketing-api/currencies),
// as recorded in shared/reference/currency-offsets.json (including its table tail AED..VND). Every other currency in
// that table has offset 100; the zero-decimal ones listed here have offset 1.
constexpr std::array<std::pair<std::string_view, int64_t>, 64> kOffsets = {{
    {"AED", 100}, {"ARS", 100}, {"AUD", 100}, {"BDT", 100}, {"BGN", 100}, {"BHD", 100}, {"BOB", 100},
    {"BRL", 100}, {"CAD", 100}, {"CHF", 100}, {"CLP", 1},   {"CNY", 100}, {"COP", 1},   {"CRC", 1},
    {"CZK", 100}, {"DKK", 100}, {"DZD", 100}, {"EGP", 100}, {"EUR", 100}, {"GBP", 100}, {"GTQ", 100},
    {"HKD", 100}, {"HNL", 100}, {"HRK", 100}, {"HUF", 1},   {"IDR", 1},   {"ILS", 100}, {"INR", 100},
    {"ISK", 1},   {"JOD", 100}, {"JPY", 1},   {"KES", 100}, {"KRW", 1},   {"LTL", 100}, {"LVL", 100},
    {"MOP", 100}, {"MXN", 100}, {"MYR", 100}, {"NGN", 100}, {"NIO", 100}, {"NOK", 100}, {"NZD", 100},
    {"PEN", 100}, {"PHP", 100}, {"PKR", 100}, {"PLN", 100}, {"PYG", 1},   {"QAR", 100}, {"RON", 100},
    {"RSD", 100}, {"RUB", 100}, {"SAR", 100}, {"SEK", 100}, {"SGD", 100}, {"SKK", 100}, {"THB", 100},
    {"TRY", 100}, {"TWD", 1},   {"UAH", 100}, {"USD", 100}, {"UYU", 100}, {"VEF", 100}, {"VND", 1},
    {"ZAR", 100},
}};

}  // namespace

core::Result<int64_t> currency_offset(std::string_view currency) {
  for (const auto& [code, offset] : kOffsets) {
    if (code == currency) return offset;
  }
  return core::fail(core::ErrorKind::InvalidArgs,
                    "unknown currency '" + std::string(currency) + "': its Meta currency offset is not known",
                    "use the ad account's currency (get_ad_account_info shows it) or pass minor_units explicitly");
}

int decimal_places(int64_t offset) {
  int places = 0;
  for (; offset > 1; offset /= 10) ++places;
  return places;
}

}  // namespace fbmcp::money
