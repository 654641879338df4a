#include "ops/instagram/instagram_reads.hpp"

#include "graph/json_fields.hpp"
#include "ops/common/money_args.hpp"
#include "ops/pages/client_mapping.hpp"

namespace fbmcp::ops {

core::Result<InstagramTarget> instagram_target(const nlohmann::json& args, tool::OpContext& ctx) {
  const bool by_ig = args.contains("ig_user_id");
  const bool by_page = args.contains("page_id");
  const bool by_client = args.contains("client_id");
  if (by_client && !by_ig) {
    auto mapping = client_mapping(ctx, args["client_id"].get<std::string>(), args.value("page_id", ""));
    if (!mapping) return std::unexpected(mapping.error());
    if (mapping->ig_user_id.empty()) return InstagramTarget{mapping->page_id, std::nullopt};
    return InstagramTarget{mapping->page_id, mapping->ig_user_id};
  }
  if (by_ig == by_page || (by_ig && by_client)) {
    return std::unexpected(invalid_args("give one of client_id, page_id or ig_user_id",
                                        "list_client_pages shows the clients; list_pages each page's "
                                        "instagram_business_account_id",
                                        by_ig ? (by_page ? "args.page_id" : "args.client_id") : "args.ig_user_id"));
  }
  if (by_ig) return InstagramTarget{"", args["ig_user_id"].get<std::string>()};
  const std::string page_id = args["page_id"].get<std::string>();
  auto page = ctx.graph.get(page_id, {{"fields", "id,instagram_business_account"}});
  if (!page) return std::unexpected(page.error());
  const auto linked = graph::read_object(*page, "instagram_business_account");
  if (!linked) return std::unexpected(graph::unexpected_shape(page_id, linked.error()));
  if (!*linked) return InstagramTarget{page_id, std::nullopt};
  const auto id = graph::read_string(**linked, "id", "instagram_business_account.id");
  if (!id) return std::unexpected(graph::unexpected_shape(page_id, id.error()));
  if (!*id) return InstagramTarget{page_id, std::nullopt};
  return InstagramTarget{page_id, **id};
}

tool::OpOutput no_instagram_account(const std::string& page_id) {
  tool::OpOutput out;
  out.data = {{"page_id", page_id}, {"instagram_account", nullptr}};
  out.summary = "Page " + page_id +
                " has no Instagram business account linked (connect one in the page's settings, then ask again).";
  return out;
}

core::Result<nlohmann::json> shape_media(const nlohmann::json& media, const std::string& what) {
  nlohmann::json row = nlohmann::json::object();
  for (const char* key : {"id", "caption", "media_type", "media_product_type", "media_url", "thumbnail_url",
                          "timestamp", "permalink", "shortcode"}) {
    const auto value = graph::read_string(media, key);
    if (!value) return std::unexpected(graph::unexpected_shape(what, value.error()));
    if (*value) row[key] = **value;
  }
  for (const char* key : {"like_count", "comments_count"}) {
    const auto value = graph::read_int(media, key);
    if (!value) return std::unexpected(graph::unexpected_shape(what, value.error()));
    if (*value) row[key] = **value;
  }
  // children is an edge read as a field: {data: [{id, media_type, media_url}, …]} (IG Media reference, "children").
  const auto children = graph::read_object(media, "children");
  if (!children) return std::unexpected(graph::unexpected_shape(what, children.error()));
  if (*children) {
    const auto* data = (*children)->contains("data") ? &(**children)["data"] : nullptr;
    if (!data || !data->is_array()) return std::unexpected(graph::unexpected_shape(what, "`children.data` is not a list"));
    auto rows = shape_media_rows(*data, what + " children");
    if (!rows) return std::unexpected(rows.error());
    row["children"] = std::move(*rows);
  }
  return row;
}

}  // namespace fbmcp::ops
