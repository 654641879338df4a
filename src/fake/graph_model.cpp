#include "fake/graph_model.hpp"

#include <algorithm>
#include <map>

namespace fbmcp::fake {

bool GraphModel::has_field(const std::string& type, const std::string& field) const {
  if (field == "id") return true;
  const auto fields = model_.find("fields");
  if (fields == model_.end() || !fields->contains(type)) return true;
  const auto& values = (*fields)[type]["values"];
  return std::find(values.begin(), values.end(), field) != values.end();
}

const nlohmann::json& GraphModel::enum_values(const std::string& key) const {
  static const nlohmann::json kEmpty = nlohmann::json::array();
  const auto enums = model_.find("enums");
  if (enums == model_.end() || !enums->contains(key)) return kEmpty;
  return (*enums)[key]["values"];
}

bool GraphModel::enum_contains(const std::string& key, const std::string& value) const {
  const auto& values = enum_values(key);
  return std::find(values.begin(), values.end(), value) != values.end();
}

std::string GraphModel::node_type_name(const std::string& type) {
  // Graph's internal type names, as they appear in "nonexisting field" errors.
  static const std::map<std::string, std::string> kNames = {
      {"adaccount", "AdAccount"},   {"campaign", "AdCampaignGroup"}, {"adset", "AdCampaign"},
      {"ad", "AdGroup"},            {"adcreative", "AdCreative"},    {"adimage", "AdImage"},
      {"advideo", "AdVideo"},
      {"customaudience", "CustomAudience"}, {"page", "Page"},        {"ig_user", "IGUser"},
      {"ig_media", "IGMedia"},      {"business", "Business"},        {"user", "User"}};
  const auto it = kNames.find(type);
  return it == kNames.end() ? type : it->second;
}

}  // namespace fbmcp::fake
