// list_saved_audiences (GET /act_<id>/saved_audiences) and create_saved_audience (POST /act_<id>/saved_audiences:
// name, targeting, description; PSDK adobjects/adaccount.py get_saved_audiences; SavedAudience fields in
// facebook-nodejs-business-sdk src/objects/saved-audience.js). A saved audience is a named targeting spec; interests
// may be given by name, as in estimate_audience.
#include "ops/all_ops.hpp"
#include "ops/audiences/audiences_ops.hpp"
#include "ops/common/write_support.hpp"
#include "ops/targeting/targeting_args.hpp"

namespace fbmcp::ops {
namespace {

using tool::OpContext;
using tool::OpOutput;

constexpr const char* kSavedAudienceFields = "id,name,description,targeting,time_updated";

core::Result<OpOutput> list_saved_audiences(const nlohmann::json& args, OpContext& ctx) {
  auto act = tool::normalize_account_id(args["ad_account_id"].get<std::string>());
  if (!act) return std::unexpected(act.error());
  graph::Params params{{"fields", kSavedAudienceFields}};
  if (args.contains("after")) params.set("after", args["after"]);
  auto page = ctx.graph.list(*act + "/saved_audiences", params, static_cast<size_t>(args.value("limit", 25)));
  if (!page) return std::unexpected(page.error());
  auto items = nlohmann::json::array();
  for (auto& saved : page->items) items.push_back(std::move(saved));
  OpOutput out;
  out.data = {{"ad_account_id", *act}, {"items", items}, {"count", items.size()}};
  out.summary = std::to_string(items.size()) + " saved audience(s) in " + *act + (page->after ? " (more available)" : "") +
                (items.empty() ? "." : ":");
  if (page->after) out.paging = nlohmann::json{{"after", *page->after}, {"has_more", true}};
  out.row_cursors = std::move(page->resume_after);
  out.table_columns = {"id", "name", "description"};
  return out;
}

core::Result<OpOutput> create_saved_audience(const nlohmann::json& args, OpContext& ctx) {
  auto act = tool::normalize_account_id(args["ad_account_id"].get<std::string>());
  if (!act) return std::unexpected(act.error());
  auto resolved = resolve_usable_targeting(args["targeting"], ctx);
  if (!resolved) return std::unexpected(resolved.error());
  graph::Params params{{"name", args["name"]}, {"targeting", resolved->spec}};
  if (args.contains("description")) params.set("description", args["description"]);
  const bool dry_run = apply_dry_run(args, params);
  auto created = ctx.graph.post(*act + "/saved_audiences", params);
  if (!created) return std::unexpected(created.error());
  OpOutput out;
  if (dry_run) {
    out.data = {{"dry_run", true}, {"valid", true}, {"would_send", params_json(params)}};
    out.summary = "Dry run: Meta accepted the saved audience; nothing was created.";
    return out;
  }
  const std::string id = created->is_object() ? created->value("id", "") : "";
  auto saved = ctx.graph.get(id, {{"fields", kSavedAudienceFields}});
  if (!saved) return std::unexpected(saved.error());
  out.data = {{"ad_account_id", *act}, {"saved_audience", *saved}};
  out.change = store::ChangeSet{{store::ChangeItem{"saved_audience", id, *act, "create",
                                                   {{"name", {{"before", nullptr}, {"after", args["name"]}}}}}},
                                {id}};
  out.summary = "Saved audience " + id + " '" + args["name"].get<std::string>() + "' created in " + *act +
                "; use its targeting in create_adset.";
  return out;
}

}  // namespace

void register_saved_audience_ops(tool::OpRegistry& registry) {
  registry.add({"list_saved_audiences", "audiences", "Saved audiences (named targeting specs) of an ad account",
                tool::Effect::Read, true, list_saved_audiences, {}});
  registry.add({"create_saved_audience", "audiences", "Save a targeting spec under a name for reuse; dry_run validates only",
                tool::Effect::Write, false, create_saved_audience, {}});
}

}  // namespace fbmcp::ops
