#include "ops/audiences/audience_view.hpp"

#include "ops/targeting/targeting_args.hpp"

namespace fbmcp::ops {

nlohmann::json audience_row(const nlohmann::json& audience) {
  nlohmann::json row = nlohmann::json::object();
  if (!audience.is_object()) return row;
  for (const char* key : {"id", "account_id", "name", "subtype", "description", "customer_file_source", "retention_days",
                          "approximate_count_lower_bound", "approximate_count_upper_bound", "delivery_status",
                          "operation_status", "lookalike_spec"}) {
    if (const auto it = audience.find(key); it != audience.end() && !it->is_null()) row[key] = *it;
  }
  if (row.contains("description") && row["description"] == "") row.erase("description");
  return row;
}

core::Result<nlohmann::json> fetch_audience(tool::OpContext& ctx, const std::string& audience_id) {
  auto audience = ctx.graph.get(audience_id, {{"fields", kAudienceFields}});
  if (!audience) {
    auto error = audience.error();
    if (error.graph && error.graph->code == 100) {
      error.path = "audience_id";
      error.hint = "list the account's audiences with list_audiences and use one of their ids";
    }
    return std::unexpected(std::move(error));
  }
  return audience_row(*audience);
}

std::string audience_size_text(const nlohmann::json& row) {
  const auto count = [&](const char* key) -> long long {
    const auto it = row.find(key);
    return it != row.end() && it->is_number_integer() ? it->get<long long>() : -1;
  };
  const long long lower = count("approximate_count_lower_bound");
  const long long upper = count("approximate_count_upper_bound");
  if (lower < 0 || upper <= 0) return "size not known yet";
  return people_count(lower) + "–" + people_count(upper) + " people";
}

}  // namespace fbmcp::ops
