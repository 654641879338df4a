#include "tool/arg_bounds.hpp"

#include <algorithm>
#include <vector>

#include "core/json_read.hpp"

namespace fbmcp::tool {
namespace {

using nlohmann::json;

// A schema node and every branch of its oneOf/anyOf/allOf: all of them are evaluated by valijson.
void expand(const json& schema, std::vector<const json*>& out, int depth = 0) {
  if (!schema.is_object() || depth > 8) return;
  out.push_back(&schema);
  for (const char* combinator : {"oneOf", "anyOf", "allOf"}) {
    const auto* branches = core::find_field(schema, combinator);
    if (!branches || !branches->is_array()) continue;
    for (const auto& branch : *branches) expand(branch, out, depth + 1);
  }
}

size_t length_of(const json& node, const char* key, size_t fallback) {
  const auto* value = core::find_field(node, key);
  return value && value->is_number_unsigned() ? value->get<size_t>() : fallback;
}

core::Error too_big(const std::string& path, std::string what) {
  return core::Error{core::ErrorKind::InvalidArgs, path + " is too long: " + what, "shorten it and call again",
                     path, std::nullopt, nullptr};
}

// UTF-8 characters, as JSON Schema's maxLength counts them.
size_t characters(const std::string& text) {
  size_t count = 0;
  for (unsigned char c : text) count += (c & 0xC0) != 0x80;
  return count;
}

core::Result<void> check(const json& value, const std::vector<const json*>& schemas, const std::string& path) {
  if (value.is_string()) {
    const auto& text = value.get_ref<const std::string&>();
    size_t limit = kMaxArgStringChars;
    // The global cap is there for std::regex and for text nobody declared long. A schema without a pattern may
    // declare a longer opaque value on purpose (upload_image's image_base64, bounded by one MCP message): its
    // maxLength is then the bound.
    bool patterned = false;
    size_t declared = 0;
    for (const auto* schema : schemas) {
      patterned = patterned || core::find_field(*schema, "pattern") != nullptr;
      declared = std::max(declared, length_of(*schema, "maxLength", 0));
    }
    if (!patterned && declared > limit) limit = declared;
    for (const auto* schema : schemas) {
      if (core::find_field(*schema, "pattern")) limit = std::min(limit, length_of(*schema, "maxLength", kDefaultPatternChars));
    }
    // Bytes bound characters from above: counting is only needed near the limit.
    if (text.size() > limit && characters(text) > limit) {
      return std::unexpected(too_big(path, std::to_string(characters(text)) + " characters, at most " +
                                               std::to_string(limit)));
    }
    return {};
  }
  if (value.is_array()) {
    if (value.size() > kMaxArgArrayItems) {
      return std::unexpected(too_big(path, std::to_string(value.size()) + " items, at most " +
                                               std::to_string(kMaxArgArrayItems)));
    }
    std::vector<const json*> item_schemas;
    for (const auto* schema : schemas) {
      if (const auto* items = core::find_field(*schema, "items")) expand(*items, item_schemas);
    }
    for (size_t i = 0; i < value.size(); ++i) {
      if (auto ok = check(value[i], item_schemas, path + "[" + std::to_string(i) + "]"); !ok) return ok;
    }
    return {};
  }
  if (value.is_object()) {
    for (const auto& [key, item] : value.items()) {
      if (key.size() > kMaxArgKeyChars) {
        return std::unexpected(too_big(path + ".<key>", "an argument name of " + std::to_string(key.size()) +
                                                            " bytes, at most " + std::to_string(kMaxArgKeyChars)));
      }
      std::vector<const json*> property_schemas;
      for (const auto* schema : schemas) {
        const auto* properties = core::find_field(*schema, "properties");
        if (const auto* property = properties ? core::find_field(*properties, key) : nullptr) {
          expand(*property, property_schemas);
        }
      }
      if (auto ok = check(item, property_schemas, path + "." + key); !ok) return ok;
    }
  }
  return {};
}

}  // namespace

core::Result<void> check_arg_bounds(const json& args, const json& schema) {
  std::vector<const json*> roots;
  expand(schema, roots);
  return check(args, roots, "args");
}

}  // namespace fbmcp::tool
