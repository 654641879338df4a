#include "ops/common/object_copies.hpp"

#include "graph/json_fields.hpp"
#include "ops/common/object_view.hpp"

namespace fbmcp::ops {
namespace {

using tool::OpContext;
using tool::OpOutput;

constexpr const char* kDefaultSuffix = " - Copy";

core::Result<OpOutput> duplicate(const ObjectKind& kind, const nlohmann::json& args, OpContext& ctx) {
  const std::string id = args[kind.id_arg].get<std::string>();
  auto source = fetch_object(ctx, kind, id);
  if (!source) return std::unexpected(source.error());
  const bool deep = args.value("deep_copy", false);
  const std::string suffix = args.value("rename_suffix", std::string(kDefaultSuffix));
  // POST /<id>/copies: deep_copy, status_option (ACTIVE|PAUSED|INHERITED_FROM_SOURCE), rename_options
  // (FBD/marketing-api/reference/ad-campaign-group/copies; graph-api-facts.md §2). Copies are always PAUSED here:
  // a copy that starts spending by itself would be an activation nobody confirmed.
  graph::Params params{{"deep_copy", deep},
                       {"status_option", "PAUSED"},
                       {"rename_options", nlohmann::json{{"rename_suffix", suffix}}}};
  if (!kind.parent_id_field.empty() && args.contains(kind.parent_id_field)) {
    params.set(kind.parent_id_field, args[kind.parent_id_field]);
  }
  const std::string name = source->object.value("name", "");
  OpOutput out;
  if (args.value("dry_run", false)) {
    // /copies takes no validate_only: the dry run says what would be asked, having checked the source exists.
    out.data = {{"dry_run", true}, {"source", source->object}, {"would_send", {{"deep_copy", deep},
                {"status_option", "PAUSED"}, {"rename_options", {{"rename_suffix", suffix}}}}}};
    out.summary = "Dry run: would copy " + kind.noun + " " + id + " '" + name + "' as '" + name + suffix +
                  "' (PAUSED" + (deep ? ", with everything under it" : "") + "); nothing was copied.";
    return out;
  }
  ctx.report("copying " + kind.noun + " " + id);
  // Not idempotent: a copy whose answer is lost is not re-sent blindly (the caller sees the error and can list).
  auto copied = ctx.graph.post(id + "/copies", params);
  if (!copied) return std::unexpected(copied.error());
  // The answer names the copy as copied_<kind>_id ({"copied_campaign_id": …} in the copies reference;
  // copied_adset_id for ad sets in the clients that use it) plus ad_object_ids for everything copied.
  const std::string id_field = "copied_" + kind.op_noun + "_id";
  const auto new_id = graph::read_string(*copied, id_field);
  if (!new_id) return std::unexpected(graph::unexpected_shape(id + "/copies", new_id.error()));
  if (!*new_id || (*new_id)->empty()) {
    return std::unexpected(graph::unexpected_shape(id + "/copies", "it has no `" + id_field + "`"));
  }
  auto copy = fetch_object(ctx, kind, **new_id);
  if (!copy) return std::unexpected(copy.error());
  size_t objects = 1;
  if (const auto it = copied->find("ad_object_ids"); it != copied->end() && it->is_array() && !it->empty()) {
    objects = it->size();
  }
  out.data = {{"id", **new_id}, {kind.op_noun, copy->object}, {"copied_from", id}, {"objects_copied", objects}};
  // Journaled as a create of the top copy (deleting it removes what a deep copy put under it); every copied id kept.
  out.change = store::ChangeSet{{store::ChangeItem{kind.op_noun, **new_id, copy->act_id, "create",
                                                   {{"copied_from", {{"before", nullptr}, {"after", id}}}}}},
                                {**new_id}};
  if (const auto it = copied->find("ad_object_ids"); it != copied->end() && it->is_array()) {
    out.change->graph_ids = *it;
  }
  out.summary = "Copied " + kind.noun + " " + id + " '" + name + "' to " + **new_id + " '" +
                copy->object.value("name", "") + "' (" + copy->object.value("status", "") + ")" +
                (deep ? ", " + std::to_string(objects) + " object(s) in all" : "") + ".";
  out.warnings.push_back("the copy is PAUSED: it spends nothing until resume_" + kind.op_noun);
  return out;
}

}  // namespace

void register_duplicate_op(tool::OpRegistry& registry, const ObjectKind& kind, const std::string& summary) {
  const ObjectKind* k = &kind;
  registry.add({"duplicate_" + kind.op_noun, kind.family, summary, tool::Effect::Write, false,
                [k](const nlohmann::json& a, OpContext& c) { return duplicate(*k, a, c); }, {}});
}

}  // namespace fbmcp::ops
