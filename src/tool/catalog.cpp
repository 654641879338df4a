#include "tool/catalog.hpp"

#include <algorithm>
#include <map>
#include <sstream>
#include <tuple>

#include "tool/arg_summary.hpp"

namespace fbmcp::tool {
namespace {

size_t edit_distance(const std::string& a, const std::string& b) {
  std::vector<size_t> row(b.size() + 1);
  for (size_t j = 0; j <= b.size(); ++j) row[j] = j;
  for (size_t i = 1; i <= a.size(); ++i) {
    size_t diagonal = row[0];
    row[0] = i;
    for (size_t j = 1; j <= b.size(); ++j) {
      const size_t above = row[j];
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] == b[j - 1] ? 0 : 1)});
      diagonal = above;
    }
  }
  return row[b.size()];
}

std::string first_example(const RegisteredOp& op) {
  const auto& schema = op.validator.schema();
  if (schema.contains("examples") && !schema["examples"].empty()) return schema["examples"][0].dump();
  return "{}";
}

}  // namespace

nlohmann::json help_data(const OpRegistry& registry) {
  nlohmann::json families = nlohmann::json::object();
  for (const auto* op : registry.all()) {
    families[op->spec.family].push_back(
        {{"op", op->spec.name}, {"summary", op->spec.summary}, {"effect", to_string(op->spec.effect)}});
  }
  return {{"usage",
           "Call facebook with {op, args}. op:\"describe\" args {\"op\":\"<name>\"} shows one op's args and "
           "example (add \"json_schema\": true for its JSON Schema). Money is {\"amount\":\"25.00\"} in the account currency or {\"minor_units\":2500}. Writes "
           "accept dry_run:true; spend and delete ops ask for confirmation. Any op takes token:\"<label>\" to act "
           "as a stored token."},
          {"families", families}};
}

std::string help_text(const OpRegistry& registry) {
  std::ostringstream out;
  out << "facebook ops (call describe for one op's args):\n";
  std::string family;
  for (const auto* op : registry.all()) {
    if (op->spec.family != family) {
      family = op->spec.family;
      out << family << ":\n";
    }
    out << "  " << op->spec.name << " — " << op->spec.summary;
    if (op->spec.effect != Effect::Read) out << " [" << to_string(op->spec.effect) << "]";
    out << "\n";
  }
  return out.str();
}

nlohmann::json describe_data(const RegisteredOp& op, bool json_schema) {
  const auto& schema = op.validator.schema();
  nlohmann::json out = {{"op", op.spec.name},
                        {"family", op.spec.family},
                        {"summary", op.spec.summary},
                        {"effect", to_string(op.spec.effect)},
                        {"idempotent", op.spec.idempotent},
                        {"needs_confirmation", static_cast<bool>(op.spec.needs_confirmation)}};
  if (json_schema) {
    out["args_schema"] = schema;
  } else {
    auto summary = summarize_args(schema);
    out["args"] = std::move(summary.args);
    // Every op takes `token` (the router acts as that stored identity); help's usage says so once, and the JSON
    // Schema lists it, so the compact view keeps its budget for the op's own args.
    out["args"].erase("token");
    if (!summary.types.empty()) out["types"] = std::move(summary.types);
  }
  if (schema.contains("examples") && schema["examples"].is_array() && !schema["examples"].empty()) {
    out["example"] = schema["examples"][0];
  }
  return out;
}

std::vector<std::string> close_matches(const std::vector<std::string>& candidates, const std::string& name) {
  // (score, edit distance, name): among names sharing a word, the nearest spelling comes first.
  std::vector<std::tuple<size_t, size_t, std::string>> scored;
  for (const auto& candidate : candidates) {
    const size_t distance = edit_distance(name, candidate);
    size_t score = distance;
    // A shared word ("campaign" in "campaigns_list") is a strong hint even when the distance is large.
    std::istringstream words(name);
    for (std::string word; std::getline(words, word, '_');) {
      if (word.size() >= 4 && candidate.find(word) != std::string::npos) score = std::min(score, size_t{3});
    }
    if (score <= std::max<size_t>(3, name.size() / 3)) scored.emplace_back(score, distance, candidate);
  }
  std::sort(scored.begin(), scored.end());
  std::vector<std::string> out;
  for (size_t i = 0; i < scored.size() && i < 3; ++i) out.push_back(std::get<2>(scored[i]));
  return out;
}

std::vector<std::string> close_matches(const OpRegistry& registry, const std::string& name) {
  return close_matches(registry.names(), name);
}

std::string readme_ops_table(const OpRegistry& registry) {
  std::ostringstream out;
  out << "| op | family | effect | what it does | example args |\n|---|---|---|---|---|\n";
  for (const auto* op : registry.all()) {
    std::string example = first_example(*op);
    std::replace(example.begin(), example.end(), '|', '/');
    out << "| `" << op->spec.name << "` | " << op->spec.family << " | " << to_string(op->spec.effect)
        << (op->spec.needs_confirmation ? " (confirm)" : "") << " | " << op->spec.summary << " | `" << example
        << "` |\n";
  }
  return out.str();
}

}  // namespace fbmcp::tool
