#include "tool/schema_definitions.hpp"

#include <string>

#include "embedded/embedded.hpp"

namespace fbmcp::tool {
namespace {

constexpr std::string_view kPrefix = "#/definitions/";
constexpr int kMaxDepth = 32;  // schemas are a few levels deep; a definition that refers to itself stops here

core::Result<nlohmann::json> inline_node(const nlohmann::json& node, int depth) {
  if (depth > kMaxDepth) return core::fail(core::ErrorKind::Internal, "schema references nest too deep");
  if (node.is_array()) {
    auto out = nlohmann::json::array();
    for (const auto& item : node) {
      auto inlined = inline_node(item, depth + 1);
      if (!inlined) return inlined;
      out.push_back(std::move(*inlined));
    }
    return out;
  }
  if (!node.is_object()) return node;
  nlohmann::json out = nlohmann::json::object();
  if (const auto ref = node.find("$ref"); ref != node.end()) {
    const std::string target = ref->is_string() ? ref->get<std::string>() : ref->dump();
    const auto& definitions = shared_definitions();
    const auto name = target.starts_with(kPrefix) ? target.substr(kPrefix.size()) : std::string();
    if (name.empty() || !definitions.contains(name)) {
      return core::fail(core::ErrorKind::Internal, "unknown schema reference " + target +
                                                       " (schemas/definitions.json defines the shared parts)");
    }
    auto definition = inline_node(definitions[name], depth + 1);
    if (!definition) return definition;
    out = std::move(*definition);
  }
  for (const auto& [key, value] : node.items()) {
    if (key == "$ref") continue;
    auto inlined = inline_node(value, depth + 1);
    if (!inlined) return inlined;
    out[key] = std::move(*inlined);
  }
  return out;
}

}  // namespace

const nlohmann::json& shared_definitions() {
  static const nlohmann::json kDefinitions = [] {
    const auto text = embedded::find("schemas/definitions.json");
    auto parsed = text ? nlohmann::json::parse(*text, nullptr, false) : nlohmann::json();
    if (!parsed.is_object() || !parsed.contains("definitions") || !parsed["definitions"].is_object()) {
      return nlohmann::json::object();  // every reference then fails with "unknown schema reference"
    }
    return parsed["definitions"];
  }();
  return kDefinitions;
}

core::Result<nlohmann::json> inline_definitions(const nlohmann::json& schema) { return inline_node(schema, 0); }

}  // namespace fbmcp::tool
