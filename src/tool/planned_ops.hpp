// Ops the catalog is heading for (DESIGN §2) that are not built yet. An agent that asks for one is told it is
// planned, not handed an unrelated close match.
#pragma once
#include <optional>
#include <string>
#include <string_view>

namespace fbmcp::tool {

// The family of a planned op (e.g. "ad sets"), or nullopt when `op` is not planned.
std::optional<std::string> planned_family(std::string_view op);

}  // namespace fbmcp::tool
