// What the Instagram ops share: which Instagram account a call means (ig_user_id, or a page's
// instagram_business_account), the IG Media fields rows are read with, and the checked shaping of an IG Media.
#pragma once
#include <nlohmann/json.hpp>
#include <optional>
#include <string>

#include "core/error.hpp"
#include "tool/op_context.hpp"
#include "tool/op_spec.hpp"

namespace fbmcp::ops {

// IG Media fields (graph-api-facts.md "Instagram": NSDK src/objects/ig-media.js, FBD/instagram-api/reference/ig-media).
inline constexpr const char* kMediaRowFields =
    "id,caption,media_type,media_product_type,media_url,thumbnail_url,timestamp,permalink";
// What a carousel child shows (GET /<album>/children): an IG Media without caption, counts or permalink.
inline constexpr const char* kCarouselChildFields = "id,media_type,media_url,thumbnail_url,timestamp";

struct InstagramTarget {
  std::string page_id;                    // when the call named a page
  std::optional<std::string> ig_user_id;  // nullopt: the page has no Instagram business account
};

// One of args.client_id (its linked page; with page_id when it has several), args.page_id (the page is asked for
// its instagram_business_account) or args.ig_user_id.
core::Result<InstagramTarget> instagram_target(const nlohmann::json& args, tool::OpContext& ctx);
// The answer for a page without an Instagram account: a normal result that says so.
tool::OpOutput no_instagram_account(const std::string& page_id);

// Copies the documented IG Media fields present in `media` with checked types; a `children` field read with the
// media ({data: [...]}) becomes a list of shaped rows (instagram_post reads an album's children from its edge
// instead and shapes each row with this).
core::Result<nlohmann::json> shape_media(const nlohmann::json& media, const std::string& what);

// shape_media of every row of a list (a ListPage's items, or a JSON array), as a JSON array.
template <typename Rows>
core::Result<nlohmann::json> shape_media_rows(const Rows& rows, const std::string& what) {
  auto shaped_rows = nlohmann::json::array();
  for (const auto& media : rows) {
    auto shaped = shape_media(media, what);
    if (!shaped) return std::unexpected(shaped.error());
    shaped_rows.push_back(std::move(*shaped));
  }
  return shaped_rows;
}

}  // namespace fbmcp::ops
