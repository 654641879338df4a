#include "tool/arg_summary.hpp"

#include <algorithm>
#include <string>

#include "tool/schema_definitions.hpp"

namespace fbmcp::tool {
namespace {

using nlohmann::json;

std::string text_of(const json& node, const char* key) {
  const auto it = node.find(key);
  return it != node.end() && it->is_string() ? it->get<std::string>() : std::string();
}

// "string", "string|boolean", "list of string", "money", "object".
std::string type_words(const json& node, json& types) {
  if (const auto title = text_of(node, "title"); !title.empty() && shared_definitions().contains(title)) {
    types[title] = text_of(shared_definitions()[title], "description");
    return title;
  }
  const auto type = node.find("type");
  if (type == node.end()) return node.contains("oneOf") ? "see description" : "any";
  if (type->is_array()) {
    std::string words;
    for (const auto& t : *type) words += (words.empty() ? "" : "|") + (t.is_string() ? t.get<std::string>() : "");
    return words;
  }
  if (*type == "array" && node.contains("items") && node["items"].is_object()) {
    return "list of " + type_words(node["items"], types);
  }
  return type->is_string() ? type->get<std::string>() : "any";
}

// A value as it is written in an arg: strings bare, anything else as compact JSON.
std::string plain(const json& value) { return value.is_string() ? value.get<std::string>() : value.dump(); }

}  // namespace

ArgSummary summarize_args(const json& schema) {
  ArgSummary out{json::object(), json::object()};
  const auto properties = schema.find("properties");
  if (properties == schema.end() || !properties->is_object()) return out;
  const auto required = schema.value("required", json::array());
  for (const auto& [name, node] : properties->items()) {
    if (!node.is_object()) continue;
    const auto type = type_words(node, out.types);
    const json& values = node.contains("items") && node["items"].is_object() ? node["items"] : node;
    const bool listed = values.contains("enum") && values["enum"].is_array();
    // "one of A|B" already says a single string; a list still says "list of string".
    std::string line = listed && type == "string" ? "" : type;
    if (std::find(required.begin(), required.end(), name) != required.end()) line += ", required";
    if (listed) {
      std::string one_of;
      for (const auto& value : values["enum"]) one_of += (one_of.empty() ? "" : "|") + plain(value);
      line += ", one of " + one_of;
    }
    if (line.starts_with(", ")) line.erase(0, 2);
    if (node.contains("default")) line += ", default " + plain(node["default"]);
    if (node.contains("minimum") || node.contains("maximum")) {
      line += ", " + (node.contains("minimum") ? plain(node["minimum"]) : std::string()) + ".." +
              (node.contains("maximum") ? plain(node["maximum"]) : std::string());
    }
    const auto description = text_of(node, "description");
    if (!description.empty()) line += " — " + description;
    // An example only where it teaches something the type, values and description do not already say.
    const bool shared_type = out.types.contains(type);  // its legend has the example
    if (!listed && !shared_type && type != "boolean" && type != "string|boolean" &&
        description.find("e.g.") == std::string::npos && node.contains("examples") &&
        node["examples"].is_array() && !node["examples"].empty()) {
      line += " (e.g. " + plain(node["examples"][0]) + ")";
    }
    out.args[name] = std::move(line);
  }
  return out;
}

}  // namespace fbmcp::tool
