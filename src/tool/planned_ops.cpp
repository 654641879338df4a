#include "tool/planned_ops.hpp"

#include <utility>

namespace fbmcp::tool {

std::optional<std::string> planned_family(std::string_view op) {
  // Names as DESIGN §2 "Where the catalog is heading" keeps them; remove a line when its op is registered.
  static constexpr std::pair<std::string_view, std::string_view> kPlanned[] = {
      {"update_spending_limit", "accounts"}, {"account_health", "accounts"},
      {"duplicate_campaign", "campaigns"},
      {"export_insights", "insights"},
      {"list_pages", "pages and Instagram"}, {"link_client_page", "pages and Instagram"},
      {"list_client_pages", "pages and Instagram"}, {"instagram_profile", "pages and Instagram"},
      {"instagram_media", "pages and Instagram"}, {"instagram_insights", "pages and Instagram"},
  };
  for (const auto& [name, family] : kPlanned) {
    if (name == op) return std::string(family);
  }
  return std::nullopt;
}

}  // namespace fbmcp::tool
