#include "fake/node_references.hpp"

#include <array>

namespace fbmcp::fake {
namespace {

struct Reference {
  const char* type;      // the node's type
  const char* field;     // the Graph field that is a node (AdSet.campaign is a Campaign)
  const char* id_field;  // where the node keeps that node's id
};

// AdSet.campaign (Campaign), Ad.adset (AdSet), Ad.campaign (Campaign): Marketing API reference pages of AdSet and
// Ad, "Fields". Ad.creative is an AdCreative the emulator keeps as {"id": …}.
constexpr std::array<Reference, 3> kReferences{{
    {"adset", "campaign", "campaign_id"},
    {"ad", "adset", "adset_id"},
    {"ad", "campaign", "campaign_id"},
}};

}  // namespace

std::optional<std::string> referenced_id(const Node& node, const std::string& field) {
  for (const auto& ref : kReferences) {
    if (node.type != ref.type || field != ref.field) continue;
    const auto it = node.data.find(ref.id_field);
    if (it == node.data.end() || !it->is_string()) return std::nullopt;
    return it->get<std::string>();
  }
  if (node.type == "ad" && field == "creative") {
    const auto it = node.data.find("creative");
    if (it != node.data.end() && it->is_object() && it->contains("id") && (*it)["id"].is_string()) {
      return (*it)["id"].get<std::string>();
    }
  }
  return std::nullopt;
}

std::optional<std::vector<std::string>> referenced_ids(const Node& node, const std::string& field) {
  if (node.type != "ig_media" || field != "children") return std::nullopt;
  const auto it = node.data.find("children");
  if (it == node.data.end() || !it->is_object() || !it->contains("data") || !(*it)["data"].is_array()) {
    return std::nullopt;
  }
  std::vector<std::string> ids;
  for (const auto& row : (*it)["data"]) {
    if (row.is_object() && row.contains("id") && row["id"].is_string()) ids.push_back(row["id"].get<std::string>());
  }
  return ids;
}

}  // namespace fbmcp::fake
