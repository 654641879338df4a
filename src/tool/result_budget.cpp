#include "tool/result_budget.hpp"

#include <vector>

namespace fbmcp::tool {

std::optional<nlohmann::json> fit_rows_to_budget(OpOutput& output, size_t max_chars,
                                                 const std::function<size_t(const OpOutput&)>& structured_size) {
  // Only a list can be cut: anything else is not serialized here just to be measured.
  if (!output.data.is_object()) return std::nullopt;
  auto items = output.data.find("items");
  if (items == output.data.end() || !items->is_array() || items->size() <= 1) return std::nullopt;
  const size_t total = structured_size(output);
  if (total <= max_chars) return std::nullopt;

  const size_t read = items->size();
  std::vector<size_t> row_sizes;
  size_t rows_total = 0;
  for (const auto& row : *items) {
    row_sizes.push_back(row.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace).size() + 1);
    rows_total += row_sizes.back();
  }
  // What the note, the new cursor and the summary line add; generous so the result still fits after them.
  constexpr size_t kNoteReserve = 600;
  const size_t fixed = total - rows_total + kNoteReserve;
  size_t kept = 0, used = fixed;
  while (kept < read && used + row_sizes[kept] <= max_chars) used += row_sizes[kept++];
  kept = std::max<size_t>(kept, 1);

  items->erase(items->begin() + static_cast<std::ptrdiff_t>(kept), items->end());
  if (output.data.contains("count")) output.data["count"] = kept;
  nlohmann::json note = {{"shown", kept},
                         {"read", read},
                         {"reason", "the result would pass its size budget of " + std::to_string(max_chars) +
                                        " characters (FACEBOOK_MAX_RESULT_CHARS)"}};
  if (output.row_cursors.size() == read) {
    const std::string cursor = output.row_cursors[kept - 1];
    output.paging = nlohmann::json{{"after", cursor}, {"has_more", true}};
    note["continue_with"] = {{"after", cursor}};
  } else {
    // No per-row cursor from this op: the rest cannot be fetched from here; say how to ask for less instead.
    output.paging.reset();
    note["how_to_see_the_rest"] = "ask for fewer rows (limit) or fewer fields";
  }
  output.row_cursors.resize(kept);
  return note;
}

}  // namespace fbmcp::tool
