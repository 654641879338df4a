// instagram_media: an Instagram account's media, newest first, with cursor paging, a `since`/`until` window
// (GET /<ig_user>/media params, graph-api-facts.md "Instagram") and a media type filter. Graph's /media has no type
// filter, so media_type is applied here to the `limit` rows read: a page may hold fewer than `limit` (even none)
// while more follow. paging.after is Graph's cursor after the last row READ (kept or not), so the next call starts
// with the first row not yet looked at — nothing is skipped or repeated; when the result is cut to fit its budget,
// the cursor of the last row shown is used instead (row_cursors), and the rows after it are read again and filtered
// again. The answer says the filter was applied locally, how many rows it read and kept.
#include "ops/all_ops.hpp"
#include "ops/instagram/instagram_ops.hpp"
#include "ops/instagram/instagram_reads.hpp"

namespace fbmcp::ops {
namespace {

using tool::OpContext;
using tool::OpOutput;

core::Result<OpOutput> instagram_media(const nlohmann::json& args, OpContext& ctx) {
  auto target = instagram_target(args, ctx);
  if (!target) return std::unexpected(target.error());
  if (!target->ig_user_id) return no_instagram_account(target->page_id);
  const std::string ig = *target->ig_user_id;
  const size_t limit = static_cast<size_t>(args.value("limit", 25));
  graph::Params params{{"fields", std::string(kMediaRowFields) + ",like_count,comments_count"}};
  for (const char* key : {"since", "until", "after"}) {
    if (args.contains(key)) params.set(key, args[key].get<std::string>());
  }
  auto page = ctx.graph.list(ig + "/media", params, limit);
  if (!page) return std::unexpected(page.error());
  const std::string type = args.value("media_type", "");
  auto items = nlohmann::json::array();
  std::vector<std::string> cursors;
  for (size_t i = 0; i < page->items.size(); ++i) {
    auto row = shape_media(page->items[i], ig + "/media");
    if (!row) return std::unexpected(row.error());
    if (!type.empty() && row->value("media_type", "") != type) continue;
    items.push_back(std::move(*row));
    if (i < page->resume_after.size()) cursors.push_back(page->resume_after[i]);
  }
  OpOutput out;
  out.data = {{"ig_user_id", ig}, {"items", items}, {"count", items.size()}};
  if (!type.empty()) {
    out.data["media_type_filter"] = {{"media_type", type}, {"applied", "locally"},
                                     {"rows_read", page->items.size()}, {"rows_kept", items.size()}};
    if (page->after && items.size() < page->items.size()) {
      out.warnings.push_back("media_type " + type + " is applied locally (Graph's /media has no type filter): " +
                             std::to_string(page->items.size()) + " rows read, " + std::to_string(items.size()) +
                             " kept; more media follow, continue with paging.after (a short page is not the end)");
    }
  }
  if (page->after) out.paging = nlohmann::json{{"after", *page->after}, {"has_more", true}};
  out.row_cursors = std::move(cursors);
  out.table_columns = {"id", "media_type", "media_product_type", "timestamp", "like_count", "comments_count"};
  out.summary = std::to_string(items.size()) + " media of Instagram account " + ig +
                (type.empty() ? std::string()
                             : " of type " + type + " (filtered locally from " + std::to_string(page->items.size()) +
                                   " read)") +
                (page->after ? " (more available)" : "") + ":";
  return out;
}

}  // namespace

void register_instagram_media_op(tool::OpRegistry& registry) {
  registry.add({"instagram_media", "instagram",
                "An Instagram account's media, newest first: paging, since/until window, media type filter",
                tool::Effect::Read, true, instagram_media, {}});
}

}  // namespace fbmcp::ops
