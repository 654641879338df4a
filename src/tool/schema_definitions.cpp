#include "tool/schema_definitions.hpp"

#include <string>

#include "embedded/embedded.hpp"

namespace fbmcp::tool {
namespace {

constexpr std::string_view kPrefix = "#/definitions/";
constexpr int kMaxDepth = 32;  // schemas are a few levels deep; a definition that refers to itself stops here

// The schema a reference names. "#/definitions/<name>" is a shared definition (schemas/definitions.json);
// "ops/<op>.json#/<pointer>" is a part of another op's schema, so an op that takes another op's fields (launch_ad
// takes create_campaign's, create_ad an inline creative) refers to them instead of repeating them.
core::Result<nlohmann::json> referenced_schema(const std::string& target) {
  const auto unknown = [&target] {
    return core::fail(core::ErrorKind::Internal, "unknown schema reference " + target +
                                                     " (use #/definitions/<name> or ops/<op>.json#/<pointer>)");
  };
  if (target.starts_with(kPrefix)) {
    const auto name = target.substr(kPrefix.size());
    const auto& definitions = shared_definitions();
    if (name.empty() || !definitions.contains(name)) return unknown();
    return definitions[name];
  }
  const auto hash = target.find('#');
  if (hash == std::string::npos || !target.starts_with("ops/") || hash + 1 >= target.size() ||
      target[hash + 1] != '/') {
    return unknown();
  }
  const auto text = embedded::find("schemas/" + target.substr(0, hash));
  if (!text) return unknown();
  const auto document = nlohmann::json::parse(*text, nullptr, false);
  try {
    const nlohmann::json::json_pointer pointer(target.substr(hash + 1));
    if (document.is_discarded() || !document.contains(pointer)) return unknown();
    return document.at(pointer);
  } catch (const nlohmann::json::exception&) {
    return unknown();
  }
}

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
    auto target = referenced_schema(ref->is_string() ? ref->get<std::string>() : ref->dump());
    if (!target) return target;
    auto definition = inline_node(*target, depth + 1);
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
