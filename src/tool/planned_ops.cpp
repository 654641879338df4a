#include "tool/planned_ops.hpp"

#include <utility>

namespace fbmcp::tool {

std::optional<std::string> planned_family(std::string_view op) {
  // Names as DESIGN §2 "Where the catalog is heading" keeps them; remove a line when its op is registered.
  static constexpr std::pair<std::string_view, std::string_view> kPlanned[] = {
      {"list_changes", "change journal"}, {"undo_change", "change journal"},
  };
  for (const auto& [name, family] : kPlanned) {
    if (name == op) return std::string(family);
  }
  return std::nullopt;
}

}  // namespace fbmcp::tool
