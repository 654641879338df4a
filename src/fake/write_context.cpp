#include "fake/write_context.hpp"

#include <algorithm>

#include "graph/graph_time.hpp"

namespace fbmcp::fake {

std::optional<std::string> param(const ParamMap& params, const std::string& key) {
  const auto it = params.find(key);
  if (it == params.end()) return std::nullopt;
  return it->second;
}

std::optional<nlohmann::json> json_param(const ParamMap& params, const std::string& key) {
  const auto raw = param(params, key);
  if (!raw) return std::nullopt;
  auto value = nlohmann::json::parse(*raw, nullptr, false);
  if (value.is_discarded()) return nlohmann::json(*raw);
  return value;
}

std::optional<bool> bool_param(const ParamMap& params, const std::string& key) {
  const auto raw = param(params, key);
  if (!raw) return std::nullopt;
  if (*raw == "true" || *raw == "1") return true;
  if (*raw == "false" || *raw == "0") return false;
  return std::nullopt;
}

std::expected<std::optional<std::string>, GraphError> money_param(const ParamMap& params, const std::string& key) {
  const auto raw = param(params, key);
  if (!raw) return std::optional<std::string>();
  const bool digits = !raw->empty() && raw->size() < 16 &&
                      std::all_of(raw->begin(), raw->end(), [](char c) { return c >= '0' && c <= '9'; });
  if (!digits) {
    return std::unexpected(invalid_param(key, key + " must be a whole number in the currency's minor units",
                                         "Invalid budget", "The value '" + *raw + "' is not a valid " + key + "."));
  }
  return std::optional<std::string>(std::to_string(std::stoll(*raw)));
}

std::optional<GraphError> check_time(const ParamMap& params, const std::string& key) {
  const auto raw = param(params, key);
  if (!raw) return std::nullopt;
  const bool unix_seconds = !raw->empty() && raw->size() <= 12 &&
                            std::all_of(raw->begin(), raw->end(), [](char c) { return c >= '0' && c <= '9'; });
  if (unix_seconds || graph::parse_graph_time(*raw)) return std::nullopt;
  return invalid_param(key, "", "Invalid date",
                       "The value '" + *raw + "' for " + key +
                           " is not a valid date and time; use ISO 8601 (2026-12-01T00:00:00+0000) or a Unix timestamp.");
}

std::optional<GraphError> check_enum(const WriteContext& ctx, const std::string& model_key, const std::string& name,
                                     const std::string& value) {
  if (ctx.model.enum_contains(model_key, value)) return std::nullopt;
  return invalid_enum(name, value, ctx.model.enum_values(model_key));
}

bool is_validate_only(const ParamMap& params) {
  const auto options = json_param(params, "execution_options");
  if (!options) return false;
  if (options->is_string()) return options->get<std::string>() == "validate_only";
  return options->is_array() && std::find(options->begin(), options->end(), "validate_only") != options->end();
}

}  // namespace fbmcp::fake
