// The continuation cursor GraphClient::list hands back: Graph's cursor for the page being read, plus how many of that
// page's items were already consumed. Graph cursors sit on page boundaries while a caller's `limit` (with
// client-side filters) can end mid-page. Format: "<graph cursor>" or "<graph cursor, possibly empty>!<skip>"; "!"
// never occurs in Graph's base64 cursors.
#pragma once
#include <cstddef>
#include <string>
#include <string_view>

#include "core/error.hpp"

namespace fbmcp::graph {

struct ResumePoint {
  std::string graph_cursor;  // empty = the first page
  size_t skip = 0;           // items of that page already returned
};

// A cursor that is not one we could have made ("!", "x!y", "", spaces, a skip beyond a page) is InvalidArgs at
// args.after: silently restarting the list would hand the caller rows it already has. `max_skip` is the largest
// page GraphClient asks for.
core::Result<ResumePoint> parse_resume_point(std::string_view cursor, size_t max_skip);
std::string format_resume_point(const ResumePoint& point);

// The error for a cursor that does not belong to the list being read (ours or Graph's refusal of it).
core::Error invalid_cursor(std::string_view cursor, std::string_view why);

}  // namespace fbmcp::graph
