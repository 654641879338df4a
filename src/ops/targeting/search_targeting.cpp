// search_targeting: interests, interest suggestions, behaviors, demographics, locations and locales, through Graph's
// targeting search (GET /search?type=…; FBD/marketing-api/audiences/reference/targeting-search).
#include <algorithm>

#include "graph/json_fields.hpp"
#include "core/text.hpp"
#include "ops/all_ops.hpp"
#include "ops/targeting/targeting_args.hpp"
#include "ops/targeting/targeting_ops.hpp"

namespace fbmcp::ops {
namespace {

using tool::OpContext;
using tool::OpOutput;

std::string text(const nlohmann::json& object, const char* key) {
  const auto value = graph::read_string(object, key);
  if (value && *value) return **value;
  const auto number = graph::read_int(object, key);
  return number && *number ? std::to_string(**number) : std::string();
}

// One lean row: what an agent needs to pick an entry and put it in a targeting spec.
nlohmann::json row_of(const nlohmann::json& item, const std::string& kind) {
  nlohmann::json row;
  if (kind == "geo_locations" || kind == "locales") {
    row["id"] = text(item, "key");
    row["name"] = text(item, "name");
    row["type"] = kind == "locales" ? "locale" : text(item, "type");
    if (!text(item, "country_code").empty()) row["country_code"] = text(item, "country_code");
    if (!text(item, "region").empty()) row["region"] = text(item, "region");
    return row;
  }
  row["id"] = text(item, "id");
  row["name"] = text(item, "name");
  row["type"] = text(item, "type").empty() ? "interests" : text(item, "type");
  const auto lo = graph::read_int(item, "audience_size_lower_bound");
  const auto hi = graph::read_int(item, "audience_size_upper_bound");
  if (lo && *lo && hi && *hi) {
    row["audience_size_lower_bound"] = **lo;
    row["audience_size_upper_bound"] = **hi;
    row["audience"] = people_count(**lo) + "–" + people_count(**hi);
  }
  if (item.contains("path") && item["path"].is_array()) {
    std::string path;
    for (const auto& p : item["path"]) {
      if (p.is_string()) path += (path.empty() ? "" : " > ") + p.get<std::string>();
    }
    row["path"] = path;
  }
  return row;
}

graph::Params params_for(const nlohmann::json& args, const std::string& kind, size_t limit) {
  const auto query = args.value("query", "");
  if (kind == "interests") return {{"type", "adinterest"}, {"q", query}, {"limit", limit}};
  if (kind == "interest_suggestions") {
    return {{"type", "adinterestsuggestion"}, {"interest_list", args.value("interests", nlohmann::json::array())},
            {"limit", limit}};
  }
  if (kind == "behaviors") return {{"type", "adTargetingCategory"}, {"class", "behaviors"}};
  if (kind == "demographics") return {{"type", "adTargetingCategory"}, {"class", args.value("category", "demographics")}};
  if (kind == "geo_locations") {
    graph::Params p{{"type", "adgeolocation"}, {"q", query}, {"limit", limit}};
    if (args.contains("location_types")) p.set("location_types", args["location_types"]);
    if (args.contains("country_code")) p.set("country_code", args["country_code"]);
    return p;
  }
  return {{"type", "adlocale"}, {"q", query}, {"limit", limit}};
}

core::Result<OpOutput> search_targeting(const nlohmann::json& args, OpContext& ctx) {
  const auto kind = args["kind"].get<std::string>();
  const auto query = args.value("query", "");
  const auto limit = static_cast<size_t>(args.value("limit", 25));
  // Graph's interest and location searches need a query; suggestions need interests. Said here, before a call.
  if ((kind == "interests" || kind == "geo_locations") && query.empty()) {
    return core::fail(core::ErrorKind::InvalidArgs, kind + " search needs a query",
                      "pass query, e.g. {\"kind\":\"" + kind + "\",\"query\":\"" +
                          (kind == "interests" ? "hiking" : "berlin") + "\"}");
  }
  if (kind == "interest_suggestions" && args.value("interests", nlohmann::json::array()).empty()) {
    return core::fail(core::ErrorKind::InvalidArgs, "interest_suggestions needs interests",
                      "pass the interest names to build on, e.g. {\"kind\":\"interest_suggestions\",\"interests\":[\"Hiking\"]}");
  }
  ctx.report("searching targeting " + kind);
  auto found = ctx.graph.get("search", params_for(args, kind, limit));
  if (!found) return std::unexpected(found.error());
  const auto data = found->is_object() ? found->find("data") : found->end();
  if (data == found->end() || !data->is_array()) {
    return core::fail(core::ErrorKind::GraphApi, "targeting search answered without a data list");
  }
  // Category listings (behaviors, demographics) have no query on Graph's side: the words filter them here.
  const bool filter_here = kind == "behaviors" || kind == "demographics";
  auto items = nlohmann::json::array();
  for (const auto& item : *data) {
    if (items.size() >= limit) break;
    if (!item.is_object()) continue;
    if (filter_here && !query.empty() && core::ascii_lower(text(item, "name")).find(core::ascii_lower(query)) == std::string::npos) continue;
    items.push_back(row_of(item, kind));
  }
  OpOutput out;
  out.data = {{"kind", kind}, {"items", items}, {"count", items.size()}};
  out.summary = std::to_string(items.size()) + " " + kind + " result(s)" +
                (query.empty() ? std::string() : " for '" + query + "'") +
                (items.empty() ? ". Try a shorter or more general query." : "; use the id in a targeting spec:");
  out.table_columns = kind == "geo_locations" ? std::vector<std::string>{"id", "name", "type", "country_code", "region"}
                      : kind == "locales"     ? std::vector<std::string>{"id", "name"}
                                              : std::vector<std::string>{"id", "name", "type", "audience", "path"};
  return out;
}

}  // namespace

void register_search_targeting_op(tool::OpRegistry& registry) {
  registry.add({"search_targeting", "targeting",
                "Find interests, interest suggestions, behaviors, demographics, locations or locales with their ids "
                "and audience sizes",
                tool::Effect::Read, true, search_targeting, {}});
}

}  // namespace fbmcp::ops
