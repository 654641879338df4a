// Graph datetimes ("2026-09-14T10:21:07-0700", also "+00:00" and "Z") ↔ Unix seconds.
#pragma once
#include <cstdint>
#include <optional>
#include <string>

namespace fbmcp::graph {

std::optional<int64_t> parse_graph_time(const std::string& text);

}  // namespace fbmcp::graph
