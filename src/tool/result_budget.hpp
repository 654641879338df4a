// The size budget of a result (DESIGN §6). Some hosts hand the model only JSON.stringify(structuredContent), capped
// (Claude Code: 25,000 tokens by default), so a result must fit on its own. A list that would pass the budget is cut
// at a row boundary, continuing with the cursor of the last row shown, and says so — never a silent cut, never
// half a row.
#pragma once
#include <nlohmann/json.hpp>
#include <optional>
#include <string>

#include "tool/op_spec.hpp"

namespace fbmcp::tool {

inline constexpr size_t kDefaultMaxResultChars = 40000;  // FACEBOOK_MAX_RESULT_CHARS

// Cuts output.data.items (and output.row_cursors) so that `structured_size(output)` fits `max_chars`, moving
// output.paging to the last row kept. Returns the `truncated` note ({shown, read, reason, continue_with?}) when it
// cut, nullopt otherwise. At least one row is always kept, so a caller can make progress.
std::optional<nlohmann::json> fit_rows_to_budget(OpOutput& output, size_t max_chars,
                                                 const std::function<size_t(const OpOutput&)>& structured_size);

}  // namespace fbmcp::tool
