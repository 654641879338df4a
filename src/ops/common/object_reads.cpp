#include "ops/common/object_reads.hpp"

#include <algorithm>

#include "graph/json_fields.hpp"
#include "ops/common/object_view.hpp"
#include "ops/common/shaping.hpp"
#include "tool/result_text.hpp"

namespace fbmcp::ops {
namespace {

bool contains(const nlohmann::json& list, const nlohmann::json& value) {
  return std::find(list.begin(), list.end(), value) != list.end();
}

}  // namespace

core::Result<ListScope> account_scope(tool::OpContext& ctx, const ObjectKind& kind, const nlohmann::json& ad_account_id) {
  auto act = tool::normalize_account_id(ad_account_id.get<std::string>());
  if (!act) return std::unexpected(act.error());
  auto account = ctx.accounts.get(*act);
  if (!account) return std::unexpected(account.error());
  return ListScope{*act + "/" + kind.edge, *act, account->name + " (" + *act + ", " + account->currency + ")",
                   {{"ad_account_id", *act}}, {"account_id"}};
}

core::Result<ListScope> parent_scope(tool::OpContext& ctx, const ObjectKind& parent, const std::string& id,
                                     const std::string& edge) {
  auto object = fetch_object(ctx, parent, id);
  if (!object) return std::unexpected(object.error());
  ListScope scope{id + "/" + edge, object->act_id,
                  parent.noun + " '" + object->object.value("name", "") + "' (" + id + ", " + object->currency + ")",
                  {{parent.id_arg, id}}, {"account_id", parent.id_arg}};
  // Rows under one ad set share its campaign too.
  if (!parent.parent_id_field.empty()) scope.said_by_header.push_back(parent.parent_id_field);
  return scope;
}

core::Result<tool::OpOutput> list_objects(tool::OpContext& ctx, const ObjectKind& kind, const ListScope& scope,
                                          const nlohmann::json& args, const std::vector<std::string>& in_filters) {
  auto account = ctx.accounts.get(scope.act_id);
  if (!account) return std::unexpected(account.error());
  graph::Params params{{"fields", field_list(kind.list_fields, args)}};
  // Server-side where Graph can filter: effective_status param and `filtering` rules.
  if (args.contains("effective_status")) params.set("effective_status", args["effective_status"]);
  nlohmann::json filtering = nlohmann::json::array();
  for (const auto& field : in_filters) {
    if (args.contains(field)) filtering.push_back({{"field", field}, {"operator", "IN"}, {"value", args[field]}});
  }
  if (args.contains("name_contains")) {
    filtering.push_back({{"field", "name"}, {"operator", "CONTAIN"}, {"value", args["name_contains"]}});
  }
  if (!filtering.empty()) params.set("filtering", filtering);
  // Configured status is filtered here: it is not the delivery state Graph's effective_status filter uses, and
  // confusing the two is a known peer bug (peers.md §4.3).
  std::function<bool(const nlohmann::json&)> keep;
  if (args.contains("configured_status")) {
    const auto wanted = args["configured_status"];
    // Asking for every effective status keeps Graph from hiding DELETED objects.
    if (!args.contains("effective_status")) params.set("effective_status", kind.effective_statuses);
    // Shapes are checked after the walk; a status that is not a string matches nothing meanwhile.
    keep = [wanted](const nlohmann::json& o) {
      const auto status = graph::read_string(o, "status");
      return status && *status && contains(wanted, **status);
    };
  }
  if (args.contains("after")) params.set("after", args["after"]);
  ctx.report("reading " + kind.plural + " of " + scope.edge);
  auto page = ctx.graph.list(scope.edge, params, static_cast<size_t>(args.value("limit", 25)), keep);
  if (!page) return std::unexpected(page.error());

  auto items = nlohmann::json::array();
  for (auto& object : page->items) {
    if (auto shape = check_object_shape(kind, object, scope.edge); !shape) return std::unexpected(shape.error());
    shape_money(object, kind.money_fields, account->currency, money_form(args));
    lean_row(object, args, scope.said_by_header);
    items.push_back(std::move(object));
  }
  tool::OpOutput out;
  out.data = scope.data;
  if (!kind.money_fields.empty()) out.data["currency"] = account->currency;
  out.data["items"] = items;
  out.data["count"] = items.size();
  out.summary = std::to_string(items.size()) + " " + kind.noun + "(s) in " + scope.described +
                (page->after ? ", more available" : "") + ":";
  if (page->after) out.paging = nlohmann::json{{"after", *page->after}, {"has_more", true}};
  out.row_cursors = std::move(page->resume_after);
  out.table_columns = kind.list_fields;
  for (const auto& extra : args.value("fields", nlohmann::json::array())) {
    if (extra.is_string() && out.table_columns.size() < 10) out.table_columns.push_back(extra.get<std::string>());
  }
  return out;
}

core::Result<tool::OpOutput> get_object(tool::OpContext& ctx, const ObjectKind& kind, const nlohmann::json& args) {
  nlohmann::json wanted = args;
  if (!kind.detail_fields.empty()) {
    wanted["fields"] = kind.detail_fields;
    for (const auto& field : args.value("fields", nlohmann::json::array())) wanted["fields"].push_back(field);
  }
  auto snapshot = fetch_object(ctx, kind, args[kind.id_arg].get<std::string>(), wanted);
  if (!snapshot) return std::unexpected(snapshot.error());
  tool::OpOutput out;
  out.summary = kind.capital_noun() + " " + snapshot->object.value("name", "") + "\n" +
                tool::render_fields(snapshot->object);
  out.data = {{kind.op_noun, snapshot->object}};
  return out;
}

void register_read_ops(tool::OpRegistry& registry, const ObjectKind& kind, const std::string& list_summary,
                       const std::string& get_summary, ScopeOf scope_of) {
  const ObjectKind* k = &kind;
  registry.add({"list_" + kind.op_noun + "s", kind.family, list_summary, tool::Effect::Read, true,
                [k, scope_of](const nlohmann::json& args, tool::OpContext& ctx) -> core::Result<tool::OpOutput> {
                  auto scope = scope_of(args, ctx);
                  if (!scope) return std::unexpected(scope.error());
                  return list_objects(ctx, *k, *scope, args, {});
                },
                {}});
  registry.add({"get_" + kind.op_noun, kind.family, get_summary, tool::Effect::Read, true,
                [k](const nlohmann::json& args, tool::OpContext& ctx) { return get_object(ctx, *k, args); }, {}});
}

}  // namespace fbmcp::ops
