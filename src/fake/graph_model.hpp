// What the emulator knows about Graph's node types: their field names and enum values (from Meta's SDK, via
// fixtures/graph_model.json) and the display names Graph uses in error messages.
#pragma once
#include <nlohmann/json.hpp>
#include <optional>
#include <string>

namespace fbmcp::fake {

class GraphModel {
 public:
  GraphModel() = default;
  explicit GraphModel(nlohmann::json model) : model_(std::move(model)) {}

  // False only when the SDK lists this type's fields and `field` is not among them.
  bool has_field(const std::string& type, const std::string& field) const;
  // e.g. enum_values("campaign.objective"); empty array when unknown.
  const nlohmann::json& enum_values(const std::string& key) const;
  bool enum_contains(const std::string& key, const std::string& value) const;
  static std::string node_type_name(const std::string& type);  // "campaign" → "AdCampaignGroup"

 private:
  nlohmann::json model_;
};

}  // namespace fbmcp::fake
