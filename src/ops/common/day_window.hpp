// A since/until window of whole UTC days for the page and Instagram insights edges: args `since` and `until`
// (YYYY-MM-DD, both included) become Graph's Unix-second `since` (the first day's midnight) and `until` (the
// midnight after the last day). Graph refuses windows over 30 days, so the op says so before asking.
#pragma once
#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>

#include "core/error.hpp"

namespace fbmcp::ops {

struct DayWindow {
  std::string since_day;  // "2026-11-01"
  std::string until_day;  // "2026-11-07", included
  int64_t since = 0;      // Unix seconds
  int64_t until = 0;
};

// Without since/until: the 7 days before today (UTC).
core::Result<DayWindow> day_window(const nlohmann::json& args, int max_days = 30);
// "2026-11-02" for an end_time of "2026-11-03T08:00:00+0000" (a day's value is stamped with the next morning).
std::string day_of_end_time(const std::string& end_time);

}  // namespace fbmcp::ops
