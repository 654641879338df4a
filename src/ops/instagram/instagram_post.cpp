// instagram_post: one Instagram media with like and comment counts and, for a carousel, its children as Graph lists
// them on GET /<album>/children (IG Media reference, edge "children"; each child is an IG Media of its own, without
// a permalink: "Some fields, such as permalink, cannot be used on photos within albums (children)", ig-media/children
// reference, "Limitations"). A media the identity cannot see is Graph's own error (code 100, subcode 33), which
// says so.
#include "ops/all_ops.hpp"
#include "ops/instagram/instagram_ops.hpp"
#include "ops/instagram/instagram_reads.hpp"

namespace fbmcp::ops {
namespace {

using tool::OpContext;
using tool::OpOutput;

core::Result<OpOutput> instagram_post(const nlohmann::json& args, OpContext& ctx) {
  const std::string id = args["media_id"].get<std::string>();
  auto media = ctx.graph.get(id, {{"fields", std::string(kMediaRowFields) + ",shortcode,like_count,comments_count,owner"}});
  if (!media) {
    auto error = media.error();
    if (error.graph && error.graph->code == 100 && error.graph->error_subcode == 33) {
      error.hint = "this media is not under an Instagram account this token can see; instagram_media lists an "
                   "account's media, list_pages shows the accounts";
    }
    return std::unexpected(error);
  }
  auto row = shape_media(*media, id);
  if (!row) return std::unexpected(row.error());
  if (media->contains("owner") && (*media)["owner"].is_object()) {
    const auto owner = (*media)["owner"].value("id", nlohmann::json());
    if (owner.is_string()) (*row)["ig_user_id"] = owner;
  }
  if (row->value("media_type", "") == "CAROUSEL_ALBUM") {
    // An album holds at most 20 items (Instagram's carousel limit); one page of 50 reads them all.
    constexpr size_t kInstagramCarouselReadLimit = 50;
    auto children = ctx.graph.list(id + "/children", graph::Params{{"fields", kCarouselChildFields}},
                                   kInstagramCarouselReadLimit);
    if (!children) return std::unexpected(children.error());
    auto rows = shape_media_rows(children->items, id + "/children");
    if (!rows) return std::unexpected(rows.error());
    (*row)["children"] = std::move(*rows);
  }
  OpOutput out;
  out.data = {{"media", *row}};
  const auto count = [&](const char* key) {
    return (*row).contains(key) ? std::to_string((*row)[key].get<int64_t>()) : std::string("?");
  };
  // No counts in the answer (a carousel item read on its own, in the emulator): the summary says so.
  const bool has_counts = row->contains("like_count") || row->contains("comments_count");
  out.summary = row->value("media_type", "") + " " + id + " (" + row->value("timestamp", "") + ")" +
                (has_counts ? ": " + count("like_count") + " likes, " + count("comments_count") + " comments"
                            : std::string(": no like or comment counts in Graph's answer")) +
                (row->contains("children") ? ", " + std::to_string((*row)["children"].size()) + " items in the carousel"
                                           : std::string()) +
                ".";
  return out;
}

}  // namespace

void register_instagram_post_op(tool::OpRegistry& registry) {
  registry.add({"instagram_post", "instagram",
                "One Instagram post: caption, type, URLs, like and comment counts, carousel children",
                tool::Effect::Read, true, instagram_post, {}});
}

}  // namespace fbmcp::ops
