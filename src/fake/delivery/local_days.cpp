#include "fake/delivery/local_days.hpp"

#include <chrono>

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

std::string format_day(Day day) {
  const auto ymd = civil_of(day);
  char buffer[16];
  std::snprintf(buffer, sizeof buffer, "%04d-%02u-%02u", static_cast<int>(ymd.year()),
                static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()));
  return buffer;
}

std::optional<Day> parse_day(std::string_view text) {
  if (text.size() != 10 || text[4] != '-' || text[7] != '-') return std::nullopt;
  int parts[3] = {0, 0, 0};
  const size_t begins[3] = {0, 5, 8};
  const size_t lengths[3] = {4, 2, 2};
  for (int p = 0; p < 3; ++p) {
    for (size_t i = begins[p]; i < begins[p] + lengths[p]; ++i) {
      if (text[i] < '0' || text[i] > '9') return std::nullopt;
      parts[p] = parts[p] * 10 + (text[i] - '0');
    }
  }
  const year_month_day ymd{std::chrono::year{parts[0]}, std::chrono::month{static_cast<unsigned>(parts[1])},
                           std::chrono::day{static_cast<unsigned>(parts[2])}};
  if (!ymd.ok() || parts[0] < 1970) return std::nullopt;
  return day_from_civil(ymd);
}

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
