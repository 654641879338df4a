// Days as an ad account sees them. Insights group by day in the account's time zone (FBD/marketing-api/insights:
// "date_start/date_stop … in the ad account's time zone"); the emulator uses the account's
// `timezone_offset_hours_utc` (a Graph field of the ad account) as a fixed offset, so daylight saving is not modelled.
#pragma once
#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>

namespace fbmcp::fake::delivery {

using Day = int32_t;  // days since 1970-01-01, counted in the account's time zone
inline constexpr int64_t kSecondsPerDay = 86400;

struct AccountClock {
  int64_t offset_seconds = 0;  // local = UTC + offset

  Day day_of(int64_t utc_seconds) const;
  int64_t start_of(Day day) const;  // UTC seconds at local midnight
};

// The clock of an ad account node's data (its timezone_offset_hours_utc; UTC when absent).
AccountClock clock_of_account(const nlohmann::json& account);

std::string format_day(Day day);                         // "2026-11-23"
std::optional<Day> parse_day(std::string_view text);     // strict YYYY-MM-DD, a real calendar date
Day first_of_month(Day day);
Day add_months(Day first_of_month_day, int months);      // for day 1 of a month
int weekday_monday0(Day day);                            // 0 = Monday … 6 = Sunday
Day first_of_quarter(Day day);
Day first_of_year(Day day);

}  // namespace fbmcp::fake::delivery
