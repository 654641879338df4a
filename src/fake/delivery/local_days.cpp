#include "fake/delivery/local_days.hpp"

#include <chrono>
#include <cmath>

#include "core/calendar_day.hpp"

namespace fbmcp::fake::delivery {
namespace {

using std::chrono::sys_days;
using std::chrono::year_month_day;

year_month_day civil_of(Day day) { return year_month_day{sys_days{std::chrono::days{day}}}; }
Day day_from_civil(const year_month_day& ymd) { return static_cast<Day>(sys_days{ymd}.time_since_epoch().count()); }

int64_t floor_div(int64_t a, int64_t b) { return a / b - ((a % b != 0) && ((a < 0) != (b < 0))); }

}  // namespace

Day AccountClock::day_of(int64_t utc_seconds) const {
  return static_cast<Day>(floor_div(utc_seconds + offset_seconds, kSecondsPerDay));
}

int64_t AccountClock::start_of(Day day) const { return int64_t{day} * kSecondsPerDay - offset_seconds; }

AccountClock clock_of_account(const nlohmann::json& account) {
  AccountClock clock;
  const auto found = account.is_object() ? account.find("timezone_offset_hours_utc") : account.end();
  if (account.is_object() && found != account.end() && found->is_number()) {
    clock.offset_seconds = static_cast<int64_t>(std::llround(found->get<double>() * 3600));
  }
  return clock;
}

std::string format_day(Day day) { return core::format_calendar_day(day); }

std::optional<Day> parse_day(std::string_view text) { return core::parse_calendar_day(text); }

Day first_of_month(Day day) {
  const auto ymd = civil_of(day);
  return day_from_civil(year_month_day{ymd.year(), ymd.month(), std::chrono::day{1}});
}

Day add_months(Day first_of_month_day, int months) {
  const auto ymd = civil_of(first_of_month_day);
  const auto moved = std::chrono::year_month{ymd.year(), ymd.month()} + std::chrono::months{months};
  return day_from_civil(year_month_day{moved.year(), moved.month(), std::chrono::day{1}});
}

int weekday_monday0(Day day) {
  // 1970-01-01 was a Thursday (Monday0 index 3).
  return static_cast<int>(((int64_t{day} % 7) + 7 + 3) % 7);
}

Day first_of_quarter(Day day) {
  const auto ymd = civil_of(day);
  const unsigned month = (static_cast<unsigned>(ymd.month()) - 1) / 3 * 3 + 1;
  return day_from_civil(year_month_day{ymd.year(), std::chrono::month{month}, std::chrono::day{1}});
}

Day first_of_year(Day day) {
  const auto ymd = civil_of(day);
  return day_from_civil(year_month_day{ymd.year(), std::chrono::January, std::chrono::day{1}});
}

}  // namespace fbmcp::fake::delivery
