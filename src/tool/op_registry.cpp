#include "tool/op_registry.hpp"

#include <algorithm>

#include "embedded/embedded.hpp"
#include "tool/schema_definitions.hpp"

namespace fbmcp::tool {
namespace {

// Args the router handles for every write, so no schema file repeats them.
void add_common_args(nlohmann::json& schema, const OpSpec& spec) {
  auto& properties = schema["properties"];
  // Every op can act as another stored identity; the router picks its token (tool/router.cpp, identity_client).
  properties["token"] = {{"type", "string"},
                         {"pattern", "^[A-Za-z0-9._-]{1,64}$"},
                         {"maxLength", 64},
                         {"description", "Act as this stored token (list_tokens shows labels)."},
                         {"examples", {"client-b"}}};
  if (spec.effect != Effect::Read) {
    properties["dry_run"] = {
        {"type", "boolean"},
        {"description", "Only validate with Meta (execution_options validate_only); nothing changes."},
        {"examples", {true}}};
  }
  if (spec.needs_confirmation) {
    properties["confirm"] = {
        {"type", {"string", "boolean"}},
        {"maxLength", 128},
        {"description",
         "The confirmation_token the preview returned, sent only after the user agreed (spend or delete); true alone "
         "shows the preview again."},
        {"examples", {"1798761600.5f2c…"}}};
  }
}

}  // namespace

std::string to_string(Effect effect) {
  switch (effect) {
    case Effect::Read: return "read";
    case Effect::Write: return "write";
    case Effect::Spend: return "spend";
    case Effect::Destructive: return "destructive";
  }
  return "read";
}

void OpRegistry::add(OpSpec spec) {
  const std::string path = "schemas/ops/" + spec.name + ".json";
  nlohmann::json schema = nlohmann::json::object();
  if (const auto text = embedded::find(path)) {
    schema = nlohmann::json::parse(*text, nullptr, false);
    if (schema.is_discarded() || !schema.is_object()) {
      problems_.push_back(path + " is not a JSON object");
      schema = {{"type", "object"}};
    }
  } else {
    problems_.push_back(path + " is missing");
    schema = {{"type", "object"}};
  }
  if (auto inlined = inline_definitions(schema); inlined) {
    schema = std::move(*inlined);
  } else {
    problems_.push_back(path + ": " + inlined.error().message);
  }
  if (!schema.contains("properties")) schema["properties"] = nlohmann::json::object();
  add_common_args(schema, spec);
  const std::string name = spec.name;
  ArgValidator validator(name, schema);
  ops_.erase(name);
  ops_.emplace(name, RegisteredOp{std::move(spec), std::move(validator)});
}

const RegisteredOp* OpRegistry::find(const std::string& name) const {
  const auto it = ops_.find(name);
  return it == ops_.end() ? nullptr : &it->second;
}

std::vector<const RegisteredOp*> OpRegistry::all() const {
  std::vector<const RegisteredOp*> out;
  for (const auto& [name, op] : ops_) {
    if (!read_only_ || op.spec.effect == Effect::Read) out.push_back(&op);
  }
  std::stable_sort(out.begin(), out.end(),
                   [](const auto* a, const auto* b) { return a->spec.family < b->spec.family; });
  return out;
}

std::vector<std::string> OpRegistry::names() const {
  std::vector<std::string> out;
  for (const auto& [name, op] : ops_) {
    if (!read_only_ || op.spec.effect == Effect::Read) out.push_back(name);
  }
  return out;
}

}  // namespace fbmcp::tool
