#include "tool/arg_validator.hpp"

#include "tool/arg_bounds.hpp"


#include <valijson/adapters/nlohmann_json_adapter.hpp>
#include <valijson/schema.hpp>
#include <valijson/schema_parser.hpp>
#include <valijson/validation_results.hpp>
#include <valijson/validator.hpp>

namespace fbmcp::tool {
namespace {

// valijson context entries look like "<root>", "[name]", "[0]"; we speak "args.name[0]".
std::string json_path(const std::vector<std::string>& context, std::vector<std::string>& keys) {
  std::string path = "args";
  for (const auto& part : context) {
    if (part == "<root>" || part.size() < 2 || part.front() != '[') continue;
    const auto inner = part.substr(1, part.size() - 2);
    const bool index = !inner.empty() && std::all_of(inner.begin(), inner.end(), ::isdigit);
    if (index) {
      path += "[" + inner + "]";
      keys.push_back("[]");
    } else {
      const auto key = inner.size() >= 2 && inner.front() == '"' ? inner.substr(1, inner.size() - 2) : inner;
      path += "." + key;
      keys.push_back(key);
    }
  }
  return path;
}

// The sub-schema for a path of property names ("[]" = array item).
const nlohmann::json* schema_at(const nlohmann::json& schema, const std::vector<std::string>& keys) {
  const nlohmann::json* node = &schema;
  for (const auto& key : keys) {
    if (key == "[]") {
      if (!node->contains("items")) return nullptr;
      node = &(*node)["items"];
    } else {
      if (!node->contains("properties") || !(*node)["properties"].contains(key)) return nullptr;
      node = &(*node)["properties"][key];
    }
  }
  return node;
}

std::string expectation(const nlohmann::json& node) {
  if (node.contains("enum")) {
    std::string values;
    for (const auto& v : node["enum"]) values += (values.empty() ? "" : ", ") + v.dump();
    return "one of " + values;
  }
  if (node.contains("items") && node["items"].contains("enum")) return "a list of " + expectation(node["items"]);
  std::string out;
  if (node.contains("type")) out = "a value of type " + (node["type"].is_string() ? node["type"].get<std::string>() : node["type"].dump());
  if (node.contains("pattern")) out += " matching " + node["pattern"].get<std::string>();
  if (node.contains("minimum")) out += " ≥ " + node["minimum"].dump();
  if (node.contains("maximum")) out += " ≤ " + node["maximum"].dump();
  if (node.contains("description")) out += (out.empty() ? "" : " — ") + node["description"].get<std::string>();
  return out;
}

// valijson prints bounds as doubles ("1.000000"); integers read better as integers: drops ".000…" after digits.
std::string without_zero_fractions(const std::string& text) {
  std::string out;
  for (size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '.' && i > 0 && std::isdigit(static_cast<unsigned char>(text[i - 1]))) {
      size_t j = i + 1;
      while (j < text.size() && text[j] == '0') ++j;
      const bool word_ends = j == text.size() || !std::isalnum(static_cast<unsigned char>(text[j]));
      if (j > i + 1 && word_ends) {
        i = j - 1;
        continue;
      }
    }
    out += text[i];
  }
  return out;
}

// valijson's wording, turned into what a model can act on: which argument, what it got.
std::string rephrase(const std::string& description, const nlohmann::json& args, std::vector<std::string>& keys,
                     std::string& path) {
  const nlohmann::json* value = &args;
  for (const auto& key : keys) {
    if (key == "[]") {
      const auto index = path.substr(path.rfind('[') + 1);
      const size_t i = std::stoul(index.substr(0, index.size() - 1));
      value = value->is_array() && i < value->size() ? &(*value)[i] : nullptr;
    } else {
      value = value && value->is_object() && value->contains(key) ? &(*value)[key] : nullptr;
    }
    if (!value) break;
  }
  // What was sent, shortened: an error must not echo a huge value back into the model's context.
  std::string got = value ? value->dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) : "nothing";
  if (got.size() > 80) got = got.substr(0, 80) + "…";
  if (description.find("Missing required property") != std::string::npos) {
    const auto first = description.find('\'');
    const auto name = description.substr(first + 1, description.rfind('\'') - first - 1);
    keys.push_back(name);
    path += "." + name;
    return path + " is required";
  }
  if (description.find("could not be validated using 'properties'") != std::string::npos) {
    const auto first = description.rfind(": '");
    const auto name = first == std::string::npos ? std::string() : description.substr(first + 3, description.size() - first - 5);
    path += "." + name;
    return path + " is not an argument of this op";
  }
  if (description.find("enum values") != std::string::npos) return path + ": " + got + " is not an allowed value";
  if (description.find("'type' constraint") != std::string::npos) return path + ": wrong type, got " + got;
  return path + ": " + without_zero_fractions(description) + " (got " + got + ")";
}

}  // namespace

ArgValidator::ArgValidator(std::string op, nlohmann::json schema)
    : op_(std::move(op)), schema_json_(std::move(schema)), schema_(std::make_unique<valijson::Schema>()) {
  try {
    valijson::SchemaParser parser;
    valijson::adapters::NlohmannJsonAdapter adapter(schema_json_);
    parser.populateSchema(adapter, *schema_);
  } catch (const std::exception& e) {
    load_error_ = e.what();
  }
}

ArgValidator::~ArgValidator() = default;
ArgValidator::ArgValidator(ArgValidator&&) noexcept = default;
ArgValidator& ArgValidator::operator=(ArgValidator&&) noexcept = default;

core::Result<void> ArgValidator::validate(const nlohmann::json& args) const {
  if (!load_error_.empty()) {
    return core::fail(core::ErrorKind::Internal, "the schema of op '" + op_ + "' is broken: " + load_error_);
  }
  if (auto bounded = check_arg_bounds(args, schema_json_); !bounded) return bounded;
  valijson::Validator validator;
  valijson::ValidationResults results;
  valijson::adapters::NlohmannJsonAdapter target(args);
  if (validator.validate(*schema_, target, &results)) return {};

  // The deepest error is the most specific one; its parents only say "failed to validate property x".
  valijson::ValidationResults::Error error, best;
  size_t best_depth = 0;
  bool have = false;
  while (results.popError(error)) {
    if (!have || error.context.size() > best_depth) {
      best = error;
      best_depth = error.context.size();
      have = true;
    }
  }
  std::vector<std::string> keys;
  std::string path = json_path(best.context, keys);
  std::string message = rephrase(best.description, args, keys, path);
  std::string expected;
  if (const auto* node = schema_at(schema_json_, keys); node && !keys.empty()) expected = expectation(*node);
  if (message.find("is not an argument") != std::string::npos) {
    std::string names;
    for (const auto& [name, property] : schema_json_["properties"].items()) names += (names.empty() ? "" : ", ") + name;
    expected = "arguments among: " + names;
  }

  core::Error e{core::ErrorKind::InvalidArgs, message, {}, path, std::nullopt, nlohmann::json::object()};
  if (!expected.empty()) {
    e.message += " (expected " + expected + ")";
    e.detail["expected"] = expected;
  }
  if (schema_json_.contains("examples") && !schema_json_["examples"].empty()) {
    e.detail["example"] = schema_json_["examples"][0];
    e.hint = "call again with valid args, e.g. " + schema_json_["examples"][0].dump() +
             "; op:\"describe\" with args {\"op\":\"" + op_ + "\"} shows the full schema";
  } else {
    e.hint = "op:\"describe\" with args {\"op\":\"" + op_ + "\"} shows the schema";
  }
  return std::unexpected(e);
}

}  // namespace fbmcp::tool
