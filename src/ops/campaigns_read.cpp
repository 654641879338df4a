// Campaign reads: list_campaigns, get_campaign.
#include <algorithm>

#include "graph/json_fields.hpp"
#include "ops/all_ops.hpp"
#include "ops/campaign_view.hpp"
#include "ops/shaping.hpp"

namespace fbmcp::ops {
namespace {

using tool::OpContext;
using tool::OpOutput;

// Every effective_status a campaign can have (Meta SDK Campaign.EffectiveStatus): asking for all of them keeps
// Graph from hiding DELETED campaigns when the caller filters on configured status.
const nlohmann::json kAllEffectiveStatuses = {"ACTIVE", "ARCHIVED", "DELETED", "IN_PROCESS", "PAUSED", "WITH_ISSUES"};

bool contains(const nlohmann::json& list, const nlohmann::json& value) {
  return std::find(list.begin(), list.end(), value) != list.end();
}

core::Result<OpOutput> list_campaigns(const nlohmann::json& args, OpContext& ctx) {
  auto act = tool::normalize_account_id(args["ad_account_id"].get<std::string>());
  if (!act) return std::unexpected(act.error());
  auto account = ctx.accounts.get(*act);
  if (!account) return std::unexpected(account.error());

  graph::Params params{{"fields", field_list(campaign_list_fields(), args)}};
  // Server-side where Graph can filter: effective_status param and `filtering` rules.
  if (args.contains("effective_status")) params.set("effective_status", args["effective_status"]);
  nlohmann::json filtering = nlohmann::json::array();
  if (args.contains("objective")) filtering.push_back({{"field", "objective"}, {"operator", "IN"}, {"value", args["objective"]}});
  if (args.contains("name_contains")) {
    filtering.push_back({{"field", "name"}, {"operator", "CONTAIN"}, {"value", args["name_contains"]}});
  }
  if (!filtering.empty()) params.set("filtering", filtering);
  // Configured status is filtered here: it is not the delivery state Graph's effective_status filter uses, and
  // confusing the two is a known peer bug (peers.md §4.3).
  std::function<bool(const nlohmann::json&)> keep;
  if (args.contains("configured_status")) {
    const auto wanted = args["configured_status"];
    if (!args.contains("effective_status")) params.set("effective_status", kAllEffectiveStatuses);
    // Shapes are checked after the walk; a status that is not a string matches nothing meanwhile.
    keep = [wanted](const nlohmann::json& c) {
      const auto status = graph::read_string(c, "status");
      return status && *status && contains(wanted, **status);
    };
  }
  if (args.contains("after")) params.set("after", args["after"]);
  ctx.report("reading campaigns of " + *act);
  auto page = ctx.graph.list(*act + "/campaigns", params, static_cast<size_t>(args.value("limit", 25)), keep);
  if (!page) return std::unexpected(page.error());

  auto items = nlohmann::json::array();
  for (auto& campaign : page->items) {
    if (auto shape = check_campaign_shape(campaign, *act + "/campaigns"); !shape) return std::unexpected(shape.error());
    shape_money(campaign, campaign_money_fields(), account->currency, money_form(args));
    lean_row(campaign, args, {"account_id"});
    items.push_back(std::move(campaign));
  }
  OpOutput out;
  out.data = {{"ad_account_id", *act}, {"currency", account->currency}, {"items", items}, {"count", items.size()}};
  out.summary = std::to_string(items.size()) + " campaign(s) in " + account->name + " (" + *act + ", " +
                account->currency + ")" + (page->after ? ", more available" : "") + ":";
  if (page->after) out.paging = nlohmann::json{{"after", *page->after}, {"has_more", true}};
  out.row_cursors = std::move(page->resume_after);
  out.table_columns = {"id", "name", "status", "effective_status", "daily_budget", "lifetime_budget"};
  for (const auto& extra : args.value("fields", nlohmann::json::array())) {
    if (extra.is_string() && out.table_columns.size() < 10) out.table_columns.push_back(extra.get<std::string>());
  }
  return out;
}

core::Result<OpOutput> get_campaign(const nlohmann::json& args, OpContext& ctx) {
  auto snapshot = fetch_campaign(ctx, args["campaign_id"].get<std::string>(), args);
  if (!snapshot) return std::unexpected(snapshot.error());
  OpOutput out;
  out.summary = "Campaign " + snapshot->campaign.value("name", "") + "\n" + tool::render_fields(snapshot->campaign);
  out.data = {{"campaign", snapshot->campaign}};
  return out;
}

}  // namespace

void register_campaign_read_ops(tool::OpRegistry& registry) {
  registry.add({"list_campaigns", "campaigns",
                "List an account's campaigns; filter by configured/effective status, objective, name; cursor paging",
                tool::Effect::Read, true, list_campaigns, {}});
  registry.add({"get_campaign", "campaigns", "One campaign with budgets in account currency", tool::Effect::Read,
                true, get_campaign, {}});
}

}  // namespace fbmcp::ops
