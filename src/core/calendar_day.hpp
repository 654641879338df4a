// Calendar days as Graph writes them ("2026-11-23"), counted as days since 1970-01-01: what period arithmetic
// (the previous period of the same length, days in a range) needs, for the emulator and the ops alike.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace fbmcp::core {

// Strict YYYY-MM-DD of a real date from 1970 on; nullopt otherwise.
std::optional<int32_t> parse_calendar_day(std::string_view text);
std::string format_calendar_day(int32_t day);

}  // namespace fbmcp::core
