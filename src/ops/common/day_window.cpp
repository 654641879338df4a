#include "ops/common/day_window.hpp"

#include <ctime>

#include "core/calendar_day.hpp"
#include "graph/graph_time.hpp"
#include "ops/common/money_args.hpp"

namespace fbmcp::ops {

core::Result<DayWindow> day_window(const nlohmann::json& args, int max_days) {
  constexpr int64_t kDay = 86400;
  const int32_t today = static_cast<int32_t>(static_cast<int64_t>(std::time(nullptr)) / kDay);
  int32_t last = today - 1;
  if (args.contains("until")) {
    const auto day = core::parse_calendar_day(args["until"].get<std::string>());
    if (!day) return std::unexpected(invalid_args("until is not a real date", "use YYYY-MM-DD, e.g. 2026-11-07", "args.until"));
    last = *day;
  }
  int32_t first = last - 6;
  if (args.contains("since")) {
    const auto day = core::parse_calendar_day(args["since"].get<std::string>());
    if (!day) return std::unexpected(invalid_args("since is not a real date", "use YYYY-MM-DD, e.g. 2026-11-01", "args.since"));
    first = *day;
  }
  if (first > last) {
    return std::unexpected(invalid_args("since (" + core::format_calendar_day(first) + ") is after until (" +
                                            core::format_calendar_day(last) + ")",
                                        "give since on or before until", "args.since"));
  }
  if (last - first + 1 > max_days) {
    return std::unexpected(invalid_args("since..until spans " + std::to_string(last - first + 1) +
                                            " days; Graph answers at most " + std::to_string(max_days) + " per call",
                                        "ask for a shorter window, or call again per month", "args.until"));
  }
  return DayWindow{core::format_calendar_day(first), core::format_calendar_day(last), int64_t{first} * kDay,
                   (int64_t{last} + 1) * kDay};
}

std::string day_of_end_time(const std::string& end_time) {
  const auto at = graph::parse_graph_time(end_time);
  if (!at) return end_time;
  return core::format_calendar_day(static_cast<int32_t>(*at / 86400) - 1);
}

}  // namespace fbmcp::ops
