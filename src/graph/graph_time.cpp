#include "graph/graph_time.hpp"

#include <cstdio>
#include <ctime>

namespace fbmcp::graph {
namespace {

bool in_range(const std::tm& tm) {
  return tm.tm_mon >= 1 && tm.tm_mon <= 12 && tm.tm_mday >= 1 && tm.tm_mday <= 31 && tm.tm_hour >= 0 &&
         tm.tm_hour <= 23 && tm.tm_min >= 0 && tm.tm_min <= 59 && tm.tm_sec >= 0 && tm.tm_sec <= 60;
}

}  // namespace

std::optional<int64_t> parse_graph_time(const std::string& text) {
  std::tm tm{};
  int consumed = 0;
  // %n counts only when every conversion before it matched; a leading sign or space is not a Graph datetime.
  if (text.size() < 19 || text[0] < '0' || text[0] > '9' ||
      std::sscanf(text.c_str(), "%4d-%2d-%2dT%2d:%2d:%2d%n", &tm.tm_year, &tm.tm_mon, &tm.tm_mday, &tm.tm_hour,
                  &tm.tm_min, &tm.tm_sec, &consumed) != 6 ||
      consumed != 19 || !in_range(tm)) {
    return std::nullopt;
  }
  tm.tm_year -= 1900;
  tm.tm_mon -= 1;
  int64_t seconds = timegm(&tm);
  const std::string zone = text.substr(static_cast<size_t>(consumed));
  if (zone.empty() || zone == "Z") return seconds;
  // "+0700" or "+07:00", nothing after it.
  const bool colon = zone.size() == 6 && zone[3] == ':';
  if ((zone[0] != '+' && zone[0] != '-') || (zone.size() != 5 && !colon)) return std::nullopt;
  const std::string digits = colon ? zone.substr(1, 2) + zone.substr(4, 2) : zone.substr(1);
  for (const char c : digits) {
    if (c < '0' || c > '9') return std::nullopt;
  }
  const int hours = (digits[0] - '0') * 10 + (digits[1] - '0');
  const int minutes = (digits[2] - '0') * 10 + (digits[3] - '0');
  if (hours > 23 || minutes > 59) return std::nullopt;
  const int64_t offset = hours * 3600 + minutes * 60;
  return zone[0] == '+' ? seconds - offset : seconds + offset;
}

}  // namespace fbmcp::graph
