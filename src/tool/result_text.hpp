// Compact text for the MCP text block: tables for lists, short lines otherwise. Never a raw JSON dump.
#pragma once
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

namespace fbmcp::tool {

// One cell: money views print as "25.00 USD", lists joined, long strings shortened.
std::string cell_text(const nlohmann::json& value);
// A markdown table over `items` with `columns` (dotted paths allowed: "budget.amount").
std::string render_table(const nlohmann::json& items, const std::vector<std::string>& columns);
// key: value lines for an object's scalar fields, at most `max_lines`.
std::string render_fields(const nlohmann::json& object, size_t max_lines = 20);

}  // namespace fbmcp::tool
