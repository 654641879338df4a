#include "ops/pages/page_rows.hpp"

#include "graph/json_fields.hpp"

namespace fbmcp::ops {

core::Result<nlohmann::json> shape_page_row(const nlohmann::json& page, const std::string& what) {
  const auto id = graph::read_string(page, "id");
  if (!id) return std::unexpected(graph::unexpected_shape(what, id.error()));
  if (!*id || (*id)->empty()) return std::unexpected(graph::unexpected_shape(what, "a page without an id"));
  const auto name = graph::read_string(page, "name");
  if (!name) return std::unexpected(graph::unexpected_shape(what, name.error()));
  const auto category = graph::read_string(page, "category");
  if (!category) return std::unexpected(graph::unexpected_shape(what, category.error()));
  // picture is {data: {url, …}} (Graph Page.picture, a ProfilePictureSource).
  const auto picture = graph::read_object(page, "picture");
  if (!picture) return std::unexpected(graph::unexpected_shape(what, picture.error()));
  std::optional<std::string> picture_url;
  if (*picture) {
    const auto data = graph::read_object(**picture, "data", "picture.data");
    if (!data) return std::unexpected(graph::unexpected_shape(what, data.error()));
    if (*data) {
      const auto url = graph::read_string(**data, "url", "picture.data.url");
      if (!url) return std::unexpected(graph::unexpected_shape(what, url.error()));
      picture_url = *url;
    }
  }
  const auto instagram = graph::read_object(page, "instagram_business_account");
  if (!instagram) return std::unexpected(graph::unexpected_shape(what, instagram.error()));
  nlohmann::json ig_id = nullptr;
  if (*instagram) {
    const auto ig = graph::read_string(**instagram, "id", "instagram_business_account.id");
    if (!ig) return std::unexpected(graph::unexpected_shape(what, ig.error()));
    if (*ig) ig_id = **ig;
  }
  return nlohmann::json{{"page_id", **id},
                        {"name", name->value_or("")},
                        {"category", category->value_or("")},
                        {"picture", picture_url ? nlohmann::json(*picture_url) : nlohmann::json(nullptr)},
                        {"instagram_business_account_id", ig_id}};
}

}  // namespace fbmcp::ops
