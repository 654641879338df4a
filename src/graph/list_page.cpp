#include "graph/list_page.hpp"

#include "graph/form_encoding.hpp"
#include "graph/json_fields.hpp"

namespace fbmcp::graph {
namespace {

// The `after` parameter of a `next` URL, for pages whose paging carries `next` but no cursors.
std::optional<std::string> after_in_url(std::string_view url) {
  const auto query = url.find('?');
  if (query == std::string_view::npos) return std::nullopt;
  auto fragment = url.find('#', query);
  const auto params = form_decode(url.substr(query + 1, fragment == std::string_view::npos ? fragment
                                                                                           : fragment - query - 1));
  const auto it = params.find("after");
  if (it == params.end() || it->second.empty()) return std::nullopt;
  return it->second;
}

}  // namespace

core::Result<EdgePage> parse_edge_page(const nlohmann::json& body, std::string_view what) {
  if (!body.is_object()) {
    return std::unexpected(unexpected_shape(what, "the body is " + std::string(json_type_name(body)) +
                                                      ", expected an object with a `data` list"));
  }
  const auto data = body.find("data");
  if (data == body.end()) return std::unexpected(unexpected_shape(what, "it has no `data` list"));
  if (!data->is_array()) {
    return std::unexpected(
        unexpected_shape(what, "`data` is " + std::string(json_type_name(*data)) + ", expected a list"));
  }
  EdgePage page;
  page.items.reserve(data->size());
  for (size_t i = 0; i < data->size(); ++i) {
    const auto& item = (*data)[i];
    if (!item.is_object()) {
      return std::unexpected(unexpected_shape(
          what, "`data[" + std::to_string(i) + "]` is " + std::string(json_type_name(item)) + ", expected an object"));
    }
    page.items.push_back(item);
  }
  auto paging = read_object(body, "paging");
  if (!paging) return std::unexpected(unexpected_shape(what, paging.error()));
  if (!*paging) return page;
  auto next = read_string(**paging, "next", "paging.next");
  if (!next) return std::unexpected(unexpected_shape(what, next.error()));
  auto cursors = read_object(**paging, "cursors", "paging.cursors");
  if (!cursors) return std::unexpected(unexpected_shape(what, cursors.error()));
  std::optional<std::string> after;
  if (*cursors) {
    auto read = read_string(**cursors, "after", "paging.cursors.after");
    if (!read) return std::unexpected(unexpected_shape(what, read.error()));
    if (*read && !(*read)->empty()) after = **read;
  }
  if (!*next || (*next)->empty()) return page;  // the last page
  if (!after) after = after_in_url(**next);
  if (!after) {
    return std::unexpected(unexpected_shape(
        what, "`paging.next` says more follows but there is no `paging.cursors.after` to continue from"));
  }
  page.next_cursor = std::move(after);
  return page;
}

}  // namespace fbmcp::graph
