// list_page_posts: a page's recent posts (GET /<page>/published_posts with a page token), each with its
// object_story_id "<page_id>_<post_id>" — what create_creative takes to promote an existing post
// (graph-api-facts.md, POST /act_<id>/adcreatives).
#include "graph/json_fields.hpp"
#include "ops/all_ops.hpp"
#include "ops/pages/client_mapping.hpp"
#include "ops/pages/pages_ops.hpp"

namespace fbmcp::ops {
namespace {

using tool::OpContext;
using tool::OpOutput;

core::Result<OpOutput> list_page_posts(const nlohmann::json& args, OpContext& ctx) {
  auto access = page_access(ctx, args);
  if (!access) return std::unexpected(access.error());
  graph::Params params{{"fields", "id,message,created_time,permalink_url,full_picture,status_type"}};
  if (args.contains("after")) params.set("after", args["after"].get<std::string>());
  auto page = access->client->list(access->page_id + "/published_posts", params,
                                   static_cast<size_t>(args.value("limit", 25)));
  if (!page) return std::unexpected(page.error());
  const std::string what = access->page_id + "/published_posts";
  auto items = nlohmann::json::array();
  for (const auto& post : page->items) {
    nlohmann::json row = nlohmann::json::object();
    for (const char* key : {"id", "message", "created_time", "permalink_url", "full_picture", "status_type"}) {
      const auto value = graph::read_string(post, key);
      if (!value) return std::unexpected(graph::unexpected_shape(what, value.error()));
      if (*value) row[key] = **value;
    }
    if (!row.contains("id")) return std::unexpected(graph::unexpected_shape(what, "a post without an id"));
    row["object_story_id"] = row["id"];
    row.erase("id");
    items.push_back(std::move(row));
  }
  OpOutput out;
  out.data = {{"page_id", access->page_id}, {"items", items}, {"count", items.size()}};
  if (page->after) out.paging = nlohmann::json{{"after", *page->after}, {"has_more", true}};
  out.row_cursors = std::move(page->resume_after);
  out.table_columns = {"object_story_id", "created_time", "message"};
  out.summary = std::to_string(items.size()) + " post(s) of page " + access->page_id +
                (page->after ? " (more available)" : "") +
                "; promote one with create_creative {object_story_id}:";
  return out;
}

}  // namespace

void register_list_page_posts_op(tool::OpRegistry& registry) {
  registry.add({"list_page_posts", "pages",
                "A page's recent posts with object_story_id (what create_creative takes to promote one)",
                tool::Effect::Read, true, list_page_posts, {}});
}

}  // namespace fbmcp::ops
