#include "graph/graph_time.hpp"

#include <cstdio>
#include <ctime>

namespace fbmcp::graph {

std::optional<int64_t> parse_graph_time(const std::string& text) {
  std::tm tm{};
  int consumed = 0;
  if (std::sscanf(text.c_str(), "%4d-%2d-%2dT%2d:%2d:%2d%n", &tm.tm_year, &tm.tm_mon, &tm.tm_mday, &tm.tm_hour,
                  &tm.tm_min, &tm.tm_sec, &consumed) != 6) {
    return std::nullopt;
  }
  tm.tm_year -= 1900;
  tm.tm_mon -= 1;
  int64_t seconds = timegm(&tm);
  const std::string zone = text.substr(static_cast<size_t>(consumed));
  if (zone.empty() || zone == "Z") return seconds;
  int hours = 0, minutes = 0;
  const char sign = zone[0];
  if ((sign != '+' && sign != '-') ||
      (std::sscanf(zone.c_str() + 1, "%2d:%2d", &hours, &minutes) != 2 &&
       std::sscanf(zone.c_str() + 1, "%2d%2d", &hours, &minutes) != 2)) {
    return std::nullopt;
  }
  const int64_t offset = hours * 3600 + minutes * 60;
  return sign == '+' ? seconds - offset : seconds + offset;
}

}  // namespace fbmcp::graph
