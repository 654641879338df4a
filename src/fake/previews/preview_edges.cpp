#include "fake/previews/preview_edges.hpp"

#include <algorithm>

#include "core/json_read.hpp"
#include "fake/previews/preview_page.hpp"
#include "fake/previews/preview_token.hpp"
#include "fake/rules/creative_rules.hpp"

namespace fbmcp::fake {
namespace {

// The emulator's own bound on an asked-for frame size; Meta publishes none.
constexpr int kMaxPreviewSide = 2000;

// width= / height= (PSDK get_previews: unsigned int): a positive integer, refused with code 100 naming it otherwise.
std::expected<int, GraphError> frame_side(const ParamMap& params, const std::string& key, int fallback) {
  const auto raw = param(params, key);
  if (!raw) return fallback;
  const bool digits = !raw->empty() && raw->size() <= 4 &&
                      std::all_of(raw->begin(), raw->end(), [](char c) { return c >= '0' && c <= '9'; });
  const int value = digits ? std::stoi(*raw) : 0;
  if (value < 1 || value > kMaxPreviewSide) {
    return std::unexpected(invalid_param(key, key + " must be a whole number of pixels from 1 to " +
                                                   std::to_string(kMaxPreviewSide)));
  }
  return value;
}

// generatepreviews' creative={…} is an AdCreative spec (PSDK adaccount.py get_generate_previews: 'creative':
// 'AdCreative'): it is checked by the very rules POST /act_<id>/adcreatives applies, as a validate-only create, so
// a spec the emulator would refuse to store is refused here with the same error, and nothing is stored.
WriteResult inline_creative(WriteContext& ctx, const Node& account, const ParamMap& params) {
  const auto creative = json_param(params, "creative");
  if (!creative) return std::unexpected(missing_param("creative"));
  if (!creative->is_object()) {
    return std::unexpected(invalid_param("creative", "creative must be a JSON object, an AdCreative spec"));
  }
  ParamMap create = {{"name", core::string_or_empty(*creative, "name")},
                     {"execution_options", R"(["validate_only"])"}};
  if (create["name"].empty()) create["name"] = "Preview";  // a preview needs no name; the create rule does
  for (const char* key : {"object_story_spec", "object_story_id"}) {
    if (!creative->contains(key)) continue;
    const auto& value = (*creative)[key];
    create[key] = value.is_string() ? value.get<std::string>() : value.dump();
  }
  return build_creative(ctx, account, create);
}

}  // namespace

bool is_preview_edge(const std::string& type, const std::string& edge) {
  return (edge == "previews" && (type == "ad" || type == "adcreative")) ||
         (edge == "generatepreviews" && type == "adaccount");
}

WriteResult preview_edge(WriteContext& ctx, const Node& node, const std::string& edge, const ParamMap& params,
                         const std::string& base_url) {
  // ad_format is the one required param of every preview edge (FBD/marketing-api/generatepreview [recall]); its
  // values are the SDK's AdPreview.AdFormat (graph-enums.json adpreview.ad_format).
  const auto format = param(params, "ad_format");
  if (!format || format->empty()) return std::unexpected(missing_param("ad_format"));
  if (auto e = check_enum(ctx, "adpreview.ad_format", "ad_format", *format)) return std::unexpected(*e);
  if (const auto render = param(params, "render_type")) {
    if (auto e = check_enum(ctx, "adpreview.render_type", "render_type", *render)) return std::unexpected(*e);
  }
  const PreviewFrame frame = preview_frame(*format);
  const auto width = frame_side(params, "width", frame.width);
  if (!width) return std::unexpected(width.error());
  const auto height = frame_side(params, "height", frame.height);
  if (!height) return std::unexpected(height.error());

  nlohmann::json payload = {{"ad_format", *format}, {"width", *width}};
  if (const auto locale = param(params, "locale")) payload["locale"] = *locale;
  if (edge == "generatepreviews") {
    auto creative = inline_creative(ctx, node, params);
    if (!creative) return std::unexpected(creative.error());
    // Only what the page renders from (the link stays short): the page finds images by account and hash.
    nlohmann::json shown = {{"account_id", (*creative)["account_id"]}};
    for (const char* key : {"object_story_spec", "object_story_id"}) {
      if (creative->contains(key)) shown[key] = (*creative)[key];
    }
    payload["creative"] = std::move(shown);
  } else if (node.type == "ad") {
    // An ad previews its creative (Ad.creative holds {"id": …}).
    payload["creative_id"] = core::string_or_empty(node.data.value("creative", nlohmann::json::object()), "id");
  } else {
    payload["creative_id"] = core::string_or_empty(node.data, "id");
  }
  const PreviewToken token = seal_preview(payload);
  // The shape Graph answers (observed bodies quoted in public projects: width 335 × height 450 for
  // MOBILE_FEED_STANDARD, 540 × 690 for DESKTOP_FEED_STANDARD, "&amp;" between d and t, scrolling and style as
  // here). The URL points at this emulator, which serves the page (FakeGraphServer).
  const std::string body = "<iframe src=\"" + base_url + "/ads/api/preview_iframe.php?d=" + token.d + "&amp;t=" +
                           token.t + "\" width=\"" + std::to_string(*width) + "\" height=\"" +
                           std::to_string(*height) + "\" scrolling=\"yes\" style=\"border: none;\"></iframe>";
  nlohmann::json answer = {{"data", nlohmann::json::array()}};
  answer["data"].push_back({{"body", body}});
  return answer;
}

}  // namespace fbmcp::fake
