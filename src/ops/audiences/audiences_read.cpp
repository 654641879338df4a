// list_audiences: GET /act_<id>/customaudiences (newest first, cursor paging), optionally one subtype; get_audience:
// GET /<audience_id>. Rows show the approximate size and Graph's delivery and operation statuses as Graph words them.
#include "ops/all_ops.hpp"
#include "ops/audiences/audience_view.hpp"
#include "ops/audiences/audiences_ops.hpp"

namespace fbmcp::ops {
namespace {

using tool::OpContext;
using tool::OpOutput;

core::Result<OpOutput> list_audiences(const nlohmann::json& args, OpContext& ctx) {
  auto act = tool::normalize_account_id(args["ad_account_id"].get<std::string>());
  if (!act) return std::unexpected(act.error());
  graph::Params params{{"fields", kAudienceFields}};
  if (args.contains("after")) params.set("after", args["after"]);
  const std::string subtype = args.value("subtype", "");
  // The edge has no server-side subtype filter the SDK documents, so rows are kept client-side.
  const auto keep = [&](const nlohmann::json& a) { return subtype.empty() || (a.is_object() && a.value("subtype", "") == subtype); };
  auto page = ctx.graph.list(*act + "/customaudiences", params, static_cast<size_t>(args.value("limit", 25)), keep);
  if (!page) return std::unexpected(page.error());
  auto items = nlohmann::json::array();
  for (const auto& audience : page->items) {
    auto row = audience_row(audience);
    row.erase("account_id");  // the header says it once
    items.push_back(std::move(row));
  }
  OpOutput out;
  out.data = {{"ad_account_id", *act}, {"items", items}, {"count", items.size()}};
  if (!subtype.empty()) out.data["subtype"] = subtype;
  out.summary = std::to_string(items.size()) + (subtype.empty() ? "" : " " + subtype) + " audience(s) in " + *act +
                (page->after ? " (more available)" : "") + (items.empty() ? "." : ":");
  if (page->after) out.paging = nlohmann::json{{"after", *page->after}, {"has_more", true}};
  out.row_cursors = std::move(page->resume_after);
  out.table_columns = {"id", "name", "subtype", "approximate_count_lower_bound", "approximate_count_upper_bound"};
  return out;
}

core::Result<OpOutput> get_audience(const nlohmann::json& args, OpContext& ctx) {
  auto audience = fetch_audience(ctx, args["audience_id"].get<std::string>());
  if (!audience) return std::unexpected(audience.error());
  OpOutput out;
  out.data = {{"audience", *audience}};
  const auto status = audience->value("delivery_status", nlohmann::json::object());
  out.summary = "Audience " + audience->value("id", "") + " '" + audience->value("name", "") + "' (" +
                audience->value("subtype", "") + "): " + audience_size_text(*audience) +
                (status.is_object() && status.contains("description") && status["description"].is_string()
                     ? "; " + status["description"].get<std::string>()
                     : std::string("."));
  return out;
}

}  // namespace

void register_audience_read_ops(tool::OpRegistry& registry) {
  registry.add({"list_audiences", "audiences",
                "Custom and lookalike audiences of an account with approximate size, delivery and operation status",
                tool::Effect::Read, true, list_audiences, {}});
  registry.add({"get_audience", "audiences", "One custom audience: size, statuses, lookalike spec or customer file source",
                tool::Effect::Read, true, get_audience, {}});
}

}  // namespace fbmcp::ops
