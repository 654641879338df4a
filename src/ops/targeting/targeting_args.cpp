#include "ops/targeting/targeting_args.hpp"
#include "core/text.hpp"

#include <algorithm>
#include <cctype>

#include "graph/json_fields.hpp"

namespace fbmcp::ops {
namespace {

std::string string_at(const nlohmann::json& object, const char* key) {
  const auto value = graph::read_string(object, key);
  return value && *value ? **value : std::string();
}

// The interest named exactly `name` (case-insensitive), or nullopt with the closest names Graph offers.
core::Result<std::optional<nlohmann::json>> find_interest(const std::string& name, tool::OpContext& ctx,
                                                          nlohmann::json& suggestions) {
  auto found = ctx.graph.get("search", {{"type", "adinterest"}, {"q", name}, {"limit", 5}});
  if (!found) return std::unexpected(found.error());
  const auto data = found->is_object() ? found->find("data") : found->end();
  if (data == found->end() || !data->is_array()) return std::optional<nlohmann::json>();
  for (const auto& item : *data) {
    if (core::ascii_lower(string_at(item, "name")) == core::ascii_lower(name)) {
      return std::optional<nlohmann::json>(nlohmann::json{{"id", string_at(item, "id")}, {"name", string_at(item, "name")}});
    }
    if (!string_at(item, "name").empty()) suggestions.push_back(string_at(item, "name"));
  }
  return std::optional<nlohmann::json>();
}

core::Result<void> resolve_list(nlohmann::json& list, const std::string& where, tool::OpContext& ctx,
                                nlohmann::json& problems) {
  if (!list.is_array()) return {};
  for (size_t i = 0; i < list.size(); ++i) {
    auto& entry = list[i];
    std::string name;
    if (entry.is_string()) name = entry.get<std::string>();
    else if (entry.is_object() && !entry.contains("id")) name = string_at(entry, "name");
    if (name.empty()) continue;
    nlohmann::json suggestions = nlohmann::json::array();
    auto interest = find_interest(name, ctx, suggestions);
    if (!interest) return std::unexpected(interest.error());
    if (*interest) {
      entry = **interest;
      continue;
    }
    nlohmann::json problem = {
        {"field", where + "[" + std::to_string(i) + "]"},
        {"message", "No interest is named '" + name + "'. Find the exact name and id with search_targeting "
                    "{\"kind\":\"interests\",\"query\":\"" + name + "\"}."}};
    if (!suggestions.empty()) problem["suggestions"] = suggestions;
    problems.push_back(problem);
  }
  return {};
}

std::string join(const nlohmann::json& list, const std::string& separator) {
  std::string out;
  for (const auto& item : list) {
    if (item.is_string()) out += (out.empty() ? "" : separator) + item.get<std::string>();
  }
  return out;
}

}  // namespace

core::Result<ResolvedTargeting> resolve_targeting(const nlohmann::json& targeting, tool::OpContext& ctx) {
  ResolvedTargeting out;
  out.spec = targeting;
  // Top-level names become a flexible_spec group; Graph's own top-level interests ({id} objects) stay where they are.
  if (out.spec.contains("interests") && out.spec["interests"].is_array() &&
      std::any_of(out.spec["interests"].begin(), out.spec["interests"].end(),
                  [](const nlohmann::json& i) { return i.is_string(); })) {
    auto group = nlohmann::json{{"interests", out.spec["interests"]}};
    out.spec.erase("interests");
    if (!out.spec.contains("flexible_spec") || !out.spec["flexible_spec"].is_array()) {
      out.spec["flexible_spec"] = nlohmann::json::array();
    }
    out.spec["flexible_spec"].insert(out.spec["flexible_spec"].begin(), group);
  }
  if (auto done = resolve_list(out.spec["interests"], "targeting.interests", ctx, out.problems); !done) {
    return std::unexpected(done.error());
  }
  if (out.spec["interests"].is_null()) out.spec.erase("interests");
  if (out.spec.contains("flexible_spec") && out.spec["flexible_spec"].is_array()) {
    auto& groups = out.spec["flexible_spec"];
    for (size_t g = 0; g < groups.size(); ++g) {
      if (!groups[g].is_object() || !groups[g].contains("interests")) continue;
      const auto where = "targeting.flexible_spec[" + std::to_string(g) + "].interests";
      if (auto done = resolve_list(groups[g]["interests"], where, ctx, out.problems); !done) {
        return std::unexpected(done.error());
      }
    }
  }
  return out;
}

std::string targeting_sentence(const nlohmann::json& sentence_lines) {
  const nlohmann::json* lines = nullptr;
  if (sentence_lines.is_object() && sentence_lines.contains("data") && sentence_lines["data"].is_array() &&
      !sentence_lines["data"].empty() && sentence_lines["data"][0].is_object()) {
    const auto& first = sentence_lines["data"][0];
    if (first.contains("targetingsentencelines") && first["targetingsentencelines"].is_array()) {
      lines = &first["targetingsentencelines"];
    }
  }
  if (!lines) return {};
  std::vector<std::string> parts;
  for (const auto& line : *lines) {
    if (!line.is_object()) continue;
    const auto label = string_at(line, "content");
    const auto children = line.contains("children") ? line["children"] : nlohmann::json::array();
    if (label == "Location:") parts.push_back(join(children, ", "));
    else if (label == "Age:") {
      auto ages = join(children, "");
      if (const auto dash = ages.find(" - "); dash != std::string::npos) ages.replace(dash, 3, "–");
      parts.push_back("ages " + ages);
    } else if (label == "Gender:") {
      const auto gender = join(children, "");
      parts.push_back(gender == "Male" ? "men" : gender == "Female" ? "women" : core::ascii_lower(gender));
    } else if (label == "People Who Match:") {
      parts.push_back("interests: " + join(children, "; and "));
    } else if (label == "Exclude:") {
      parts.push_back("excluding " + join(children, ", "));
    } else if (label == "Language:") {
      parts.push_back("languages: " + join(children, ", "));
    } else if (!label.empty()) {
      parts.push_back(label + " " + join(children, ", "));
    }
  }
  std::string sentence;
  for (const auto& part : parts) sentence += (sentence.empty() ? "" : "; ") + part;
  return sentence;
}

std::string people_count(int64_t n) {
  const auto scaled = [](int64_t value, int64_t unit, const char* suffix) {
    // One decimal below 10 units ("5.9M"), none above ("193M").
    if (value < 10 * unit) {
      return std::to_string(value / unit) + "." + std::to_string(value % unit * 10 / unit) + suffix;
    }
    return std::to_string(value / unit) + suffix;
  };
  if (n >= 1'000'000'000) return scaled(n, 1'000'000'000, "B");
  if (n >= 1'000'000) return scaled(n, 1'000'000, "M");
  if (n >= 1'000) return scaled(n, 1'000, "K");
  return std::to_string(n);
}

nlohmann::json problem_from(const core::Error& error) {
  std::string field = error.path;
  std::string message = error.message;
  if (error.graph) {
    // Graph sends error_data as a JSON string (PSDK exceptions.py); it may also arrive parsed.
    auto data = error.graph->error_data;
    if (data.is_string()) data = nlohmann::json::parse(data.get<std::string>(), nullptr, false);
    // The first blamed path, components joined: ["targeting_spec", "flexible_spec", "0", "interests"] →
    // "targeting.flexible_spec[0].interests" (Graph's estimate edges name their param targeting_spec; the ops take
    // `targeting`).
    if (data.is_object() && data.contains("blame_field_specs") && data["blame_field_specs"].is_array() &&
        !data["blame_field_specs"].empty() && data["blame_field_specs"][0].is_array()) {
      std::string path;
      for (const auto& component : data["blame_field_specs"][0]) {
        if (!component.is_string()) break;
        const auto name = component.get<std::string>();
        const bool index = !name.empty() && std::all_of(name.begin(), name.end(), ::isdigit);
        if (path.empty()) path = name == "targeting_spec" ? "targeting" : name;
        else path += index ? "[" + name + "]" : "." + name;
      }
      if (!path.empty()) field = path;
    }
    if (!error.graph->error_user_msg.empty()) message = error.graph->error_user_msg;
  }
  nlohmann::json problem = {{"message", message}};
  if (!field.empty()) problem["field"] = field;
  return problem;
}

core::Result<ResolvedTargeting> resolve_usable_targeting(const nlohmann::json& targeting, tool::OpContext& ctx) {
  auto resolved = resolve_targeting(targeting, ctx);
  if (!resolved || resolved->problems.empty()) return resolved;
  auto e = core::fail(core::ErrorKind::InvalidArgs, resolved->problems[0]["message"].get<std::string>(),
                      "fix the targeting (validate_targeting shows every problem) and call again");
  e.error().path = resolved->problems[0].value("field", "targeting");
  return e;
}

}  // namespace fbmcp::ops
