#include "graph/resume_point.hpp"

#include <algorithm>
#include <charconv>

namespace fbmcp::graph {

core::Error invalid_cursor(std::string_view cursor, std::string_view why) {
  std::string shown(cursor.substr(0, 60));
  if (cursor.size() > shown.size()) shown += "…";
  return core::Error{core::ErrorKind::InvalidArgs,
                     "args.after: '" + shown + "' is not a valid cursor for this list (" + std::string(why) + ")",
                     "pass the `after` value the previous page of this same list returned, or leave `after` out to "
                     "start from the beginning",
                     "args.after",
                     std::nullopt,
                     nullptr};
}

core::Result<ResumePoint> parse_resume_point(std::string_view cursor, size_t max_skip) {
  if (cursor.empty()) return std::unexpected(invalid_cursor(cursor, "it is empty"));
  // Graph's cursors are printable ASCII without spaces; anything else was not handed out by a list.
  const bool printable = std::all_of(cursor.begin(), cursor.end(), [](char c) { return c > ' ' && c < 0x7f; });
  if (!printable) return std::unexpected(invalid_cursor(cursor, "it holds characters no cursor has"));
  const auto bang = cursor.find('!');
  if (bang == std::string_view::npos) return ResumePoint{std::string(cursor), 0};
  const auto digits = cursor.substr(bang + 1);
  size_t skip = 0;
  const auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), skip);
  if (digits.empty() || ec != std::errc() || end != digits.data() + digits.size() || skip == 0 || skip >= max_skip) {
    return std::unexpected(invalid_cursor(cursor, "its position part is not one a list hands out"));
  }
  return ResumePoint{std::string(cursor.substr(0, bang)), skip};
}

std::string format_resume_point(const ResumePoint& point) {
  return point.skip == 0 ? point.graph_cursor : point.graph_cursor + "!" + std::to_string(point.skip);
}

}  // namespace fbmcp::graph
