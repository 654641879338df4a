// Graph's `fields=` parameter: "name,status,business{id,name},insights.limit(5){spend}".
#pragma once
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

namespace fbmcp::fake {

struct FieldSelector {
  std::string name;
  std::vector<FieldSelector> children;  // empty = whole value
};

// Parses a fields expression; modifiers such as `.limit(5)` are accepted and ignored. Returns false on bad syntax.
bool parse_fields(const std::string& expression, std::vector<FieldSelector>& out);

// Projects `object` onto `selection`. Absent fields are omitted, as Graph omits unset fields.
nlohmann::json project(const nlohmann::json& object, const std::vector<FieldSelector>& selection);

}  // namespace fbmcp::fake
