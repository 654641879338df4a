// list_images: GET /act_<id>/adimages (PSDK adaccount.py get_ad_images; params include `hashes`), newest first,
// with Graph's cursor paging. Rows are lean: the hash (what a creative needs), name, size, url, status.
#include <algorithm>

#include "ops/all_ops.hpp"
#include "ops/common/shaping.hpp"
#include "ops/images/images_ops.hpp"
#include "tool/op_context.hpp"

namespace fbmcp::ops {
namespace {

using tool::OpContext;
using tool::OpOutput;

core::Result<OpOutput> list_images(const nlohmann::json& args, OpContext& ctx) {
  auto act_id = tool::normalize_account_id(args["ad_account_id"].get<std::string>());
  if (!act_id) return std::unexpected(act_id.error());
  graph::Params params{{"fields", field_list({"hash", "name", "width", "height", "url", "status", "created_time"}, args)}};
  if (args.contains("hashes")) params.set("hashes", args["hashes"]);
  if (args.contains("after")) params.set("after", args["after"]);
  auto page = ctx.graph.list(*act_id + "/adimages", params, static_cast<size_t>(args.value("limit", 25)));
  if (!page) return std::unexpected(page.error());
  auto items = nlohmann::json::array();
  for (auto& image : page->items) {
    // Graph's image id is "<account_id>:<hash>": the hash says it all, and the account is the header's.
    lean_row(image, args, {"id", "account_id"});
    items.push_back(std::move(image));
  }
  OpOutput out;
  out.data = {{"ad_account_id", *act_id}, {"items", items}, {"count", items.size()}};
  if (args.contains("hashes")) {
    // Hashes asked for and not found are named: an agent most often lists images to check one it was given.
    auto missing = nlohmann::json::array();
    for (const auto& wanted : args["hashes"]) {
      const bool found = std::any_of(items.begin(), items.end(), [&](const auto& row) { return row.value("hash", "") == wanted.template get<std::string>(); });
      if (!found) missing.push_back(wanted);
    }
    if (!missing.empty() && !page->after) {
      out.data["missing_hashes"] = missing;
      out.warnings.push_back(std::to_string(missing.size()) + " hash(es) not found in " + *act_id +
                             ": upload the image there first (upload_image)");
    }
  }
  out.summary = std::to_string(items.size()) + " image(s) in " + *act_id + (page->after ? " (more available)" : "") +
                (items.empty() ? "." : ":");
  if (page->after) out.paging = nlohmann::json{{"after", *page->after}, {"has_more", true}};
  out.row_cursors = std::move(page->resume_after);
  out.table_columns = {"hash", "name", "width", "height", "status"};
  return out;
}

}  // namespace

void register_list_images_op(tool::OpRegistry& registry) {
  registry.add({"list_images", "creatives", "Ad images of an account with their hashes, sizes and URLs; filter by hashes",
                tool::Effect::Read, true, list_images, {}});
}

}  // namespace fbmcp::ops
