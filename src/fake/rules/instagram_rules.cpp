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

}  // namespace fbmcp::fake
