#include "fake/rules/instagram_rules.hpp"

#include <algorithm>
#include <cstdint>

#include "graph/graph_time.hpp"

namespace fbmcp::fake {
namespace {

std::optional<int64_t> instagram_window_bound(const ParamMap& params, const std::string& key) {
  const auto raw = param(params, key);
  if (!raw) return std::nullopt;
  const bool unix_seconds = !raw->empty() && raw->size() <= 12 &&
                            std::all_of(raw->begin(), raw->end(), [](char c) { return c >= '0' && c <= '9'; });
  if (unix_seconds) return std::stoll(*raw);
  return graph::parse_graph_time(*raw);
}

}  // namespace

std::optional<GraphError> filter_media_by_time(const ParamMap& params, std::vector<const Node*>& media) {
  for (const char* key : {"since", "until"}) {
    if (auto refused = check_time(params, key)) return refused;
  }
  const auto since = instagram_window_bound(params, "since");
  const auto until = instagram_window_bound(params, "until");
  if (!since && !until) return std::nullopt;
  std::erase_if(media, [&](const Node* node) {
    const auto at = graph::parse_graph_time(node->data.value("timestamp", ""));
    if (!at) return true;
    return (since && *at < *since) || (until && *at > *until);
  });
  return std::nullopt;
}

void add_carousel_children(ObjectStore& store) {
  auto albums = store.select_mutable("ig_media", [](const Node& node) {
    const auto it = node.data.find("children");
    return it != node.data.end() && it->is_object() && it->contains("data") && (*it)["data"].is_array();
  });
  for (Node* album : albums) {
    const std::string album_id = album->data.value("id", "");
    auto ids = nlohmann::json::array();
    for (const auto& embedded : album->data["children"]["data"]) {
      if (!embedded.is_object() || !embedded.contains("id") || !embedded["id"].is_string()) continue;
      nlohmann::json child = nlohmann::json::object();
      for (const char* key : {"id", "media_type", "media_url", "thumbnail_url", "timestamp"}) {
        if (embedded.contains(key)) child[key] = embedded[key];
      }
      if (!child.contains("timestamp") && album->data.contains("timestamp")) child["timestamp"] = album->data["timestamp"];
      child[kCarouselParentKey] = album_id;
      ids.push_back({{"id", child["id"]}});
      store.insert("ig_media", std::move(child));
    }
    album->data["children"] = {{"data", std::move(ids)}};
  }
}

void order_carousel_children(const Node& album, std::vector<const Node*>& children) {
  std::vector<std::string> order;
  const auto it = album.data.find("children");
  if (it != album.data.end() && it->is_object() && it->contains("data") && (*it)["data"].is_array()) {
    for (const auto& row : (*it)["data"]) {
      if (row.is_object() && row.contains("id") && row["id"].is_string()) order.push_back(row["id"].get<std::string>());
    }
  }
  const auto rank = [&](const Node* node) {
    return std::find(order.begin(), order.end(), node->data.value("id", "")) - order.begin();
  };
  std::stable_sort(children.begin(), children.end(), [&](const Node* a, const Node* b) { return rank(a) < rank(b); });
}

bool is_carousel_child(const Node& media) { return media.type == "ig_media" && media.data.contains(kCarouselParentKey); }

GraphError carousel_child_insights_error() {
  GraphError e;
  e.message = "(#100) Insights data is not available for any media within an Instagram Media album.";
  return e;
}

}  // namespace fbmcp::fake
