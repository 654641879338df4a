// Meta reports one conversion under several action types at once — the alias family — so summing `actions` across
// types double-counts (a purchase arrives as `purchase`, `omni_purchase` and `offsite_conversion.fb_pixel_purchase`
// with the same count; `lead` already contains the pixel and on-Facebook leads). Both the emulator (which emits
// the families as Meta does) and the insights ops (which count one type per family) read this table.
// Sources: the action types of FBD/marketing-api/reference/ads-action-stats, and how independent insights clients
// group them (e.g. lead = lead ⊇ offsite_conversion.fb_pixel_lead + onsite_conversion.lead_grouped).
#pragma once
#include <array>
#include <string_view>

namespace fbmcp::graph {

struct ActionFamily {
  std::string_view name;                    // what the ops call it: "purchase", "lead", …
  std::array<std::string_view, 3> members;  // most inclusive first: the canonical count reads members[0] when present
  bool is_conversion;                       // counted in attribution windows (off-site or on-site outcomes)
};

inline constexpr ActionFamily kActionFamilies[] = {
    {"purchase", {"omni_purchase", "purchase", "offsite_conversion.fb_pixel_purchase"}, true},
    {"lead", {"lead", "onsite_conversion.lead_grouped", "offsite_conversion.fb_pixel_lead"}, true},
    {"app_install", {"omni_app_install", "mobile_app_install", ""}, true},
    {"landing_page_view", {"omni_landing_page_view", "landing_page_view", ""}, false},
    {"link_click", {"link_click", "", ""}, false},
    {"video_view", {"video_view", "", ""}, false},
    {"post_engagement", {"post_engagement", "", ""}, false},
    {"page_engagement", {"page_engagement", "", ""}, false},
};

// The family an action type belongs to, or nullptr.
inline const ActionFamily* family_of_action(std::string_view action_type) {
  for (const auto& family : kActionFamilies) {
    for (const auto member : family.members) {
      if (!member.empty() && member == action_type) return &family;
    }
  }
  return nullptr;
}

}  // namespace fbmcp::graph
