#include "ops/common/write_support.hpp"

#include "tool/result_text.hpp"

namespace fbmcp::ops {

bool apply_dry_run(const nlohmann::json& args, graph::Params& params) {
  if (!args.value("dry_run", false)) return false;
  params.set("execution_options", nlohmann::json::array({"validate_only"}));
  return true;
}

core::Result<void> validate_with_graph(tool::OpContext& ctx, const std::string& path, graph::Params params) {
  params.set("execution_options", nlohmann::json::array({"validate_only"}));
  auto result = ctx.graph.post(path, params, graph::Idempotent::Yes);  // validate_only changes nothing
  if (!result) return std::unexpected(result.error());
  return graph::expect_success(*result, path);
}

std::string describe_changes(const nlohmann::json& changes) {
  std::string out;
  for (const auto& [field, change] : changes.items()) {
    out += "  " + field + ": " + tool::cell_text(change["before"]) + " → " + tool::cell_text(change["after"]) + "\n";
  }
  return out;
}

nlohmann::json params_json(const graph::Params& params) {
  nlohmann::json out = nlohmann::json::object();
  for (const auto& [key, value] : params.items()) {
    if (key == "execution_options") continue;
    auto parsed = nlohmann::json::parse(value, nullptr, false);
    out[key] = parsed.is_discarded() || (!parsed.is_array() && !parsed.is_object()) ? nlohmann::json(value) : parsed;
  }
  return out;
}

}  // namespace fbmcp::ops
