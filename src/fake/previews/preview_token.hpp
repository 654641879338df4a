// The d= and t= of an emulated preview URL (…/ads/api/preview_iframe.php?d=…&t=…). Meta's are opaque; ours carry
// what the page needs to find the creative (its id, or a generatepreviews spec as the emulator checked it) and the
// ad format, base64url-encoded in d, and a MAC of d in t, so FakeGraphServer can render the page without storing a
// preview record, and a forged or edited d is refused. Deterministic: the same preview always gets the same URL.
#pragma once
#include <nlohmann/json.hpp>
#include <optional>
#include <string>

namespace fbmcp::fake {

struct PreviewToken {
  std::string d;
  std::string t;
};

PreviewToken seal_preview(const nlohmann::json& payload);
// The payload when `t` is the MAC of `d` and `d` decodes to a JSON object; nullopt for anything else.
std::optional<nlohmann::json> open_preview(const std::string& d, const std::string& t);

}  // namespace fbmcp::fake
