#pragma once
// Small text helpers shared by the router, the ops and the emulator.
#include <string>

namespace fbmcp::core {

// ASCII lower case (names, enum values and search terms are compared case-insensitively; bytes >= 0x80 are kept
// as they are, so UTF-8 passes through unchanged).
std::string ascii_lower(std::string text);

// The last segment of a path or URL, without query or fragment: "/ads/summer.jpg?x=1" → "summer.jpg" (an upload's
// name for summaries).
std::string last_path_segment(std::string text);

// A Unix time as its UTC day, "2027-01-23"; `none` for 0 or less (unknown, or never expires).
std::string utc_day(long long unix_seconds, const std::string& none);

// A Unix time in Graph's datetime spelling, UTC: "2026-11-23T12:00:00+0000"; `none` for 0 or less.
std::string utc_time(long long unix_seconds, const std::string& none);

}  // namespace fbmcp::core
