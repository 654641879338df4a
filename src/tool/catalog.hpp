// Text generated from the registry: op:"help", op:"describe", close-match suggestions and the README ops table.
#pragma once
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "tool/op_registry.hpp"

namespace fbmcp::tool {

nlohmann::json help_data(const OpRegistry& registry);
std::string help_text(const OpRegistry& registry);
// One op for an agent: effect, args in words (tool/arg_summary), example; with json_schema the full JSON Schema.
nlohmann::json describe_data(const RegisteredOp& op, bool json_schema = false);
// Up to 3 op names close to `name` (edit distance, shared words), best first.
std::vector<std::string> close_matches(const OpRegistry& registry, const std::string& name);
// The same over any names (enum values an op checks: ad formats, …).
std::vector<std::string> close_matches(const std::vector<std::string>& candidates, const std::string& name);
// The markdown table README.md carries between its ops-table markers.
std::string readme_ops_table(const OpRegistry& registry);

}  // namespace fbmcp::tool
