// instagram_profile: an Instagram business account's profile (IG User fields: graph-api-facts.md "Instagram", NSDK
// src/objects/ig-user.js) with its recent media grid, kept 5 minutes per Instagram account in the response cache;
// `fresh: true` asks Meta again. A page without an Instagram account is a normal answer saying so.
#include "graph/json_fields.hpp"
#include "ops/all_ops.hpp"
#include "ops/common/cached_read.hpp"
#include "ops/instagram/instagram_ops.hpp"
#include "ops/instagram/instagram_reads.hpp"

namespace fbmcp::ops {
namespace {

using tool::OpContext;
using tool::OpOutput;

constexpr int64_t kProfileMaxAgeSeconds = 5 * 60;

core::Result<nlohmann::json> fetch_profile(OpContext& ctx, const std::string& ig_user_id, size_t media_limit) {
  auto user = ctx.graph.get(ig_user_id, {{"fields",
                                          "id,username,name,followers_count,follows_count,media_count,"
                                          "profile_picture_url,biography,website"}});
  if (!user) return std::unexpected(user.error());
  nlohmann::json profile = nlohmann::json::object();
  for (const char* key : {"id", "username", "name", "profile_picture_url", "biography", "website"}) {
    const auto value = graph::read_string(*user, key);
    if (!value) return std::unexpected(graph::unexpected_shape(ig_user_id, value.error()));
    profile[key] = value->value_or("");
  }
  for (const char* key : {"followers_count", "follows_count", "media_count"}) {
    const auto value = graph::read_int(*user, key);
    if (!value) return std::unexpected(graph::unexpected_shape(ig_user_id, value.error()));
    profile[key] = *value ? nlohmann::json(**value) : nlohmann::json(nullptr);
  }
  auto media = ctx.graph.list(ig_user_id + "/media", graph::Params{{"fields", kMediaRowFields}}, media_limit);
  if (!media) return std::unexpected(media.error());
  auto grid = shape_media_rows(media->items, ig_user_id + "/media");
  if (!grid) return std::unexpected(grid.error());
  return nlohmann::json{{"profile", profile}, {"media", *grid}};
}

core::Result<OpOutput> instagram_profile(const nlohmann::json& args, OpContext& ctx) {
  auto target = instagram_target(args, ctx);
  if (!target) return std::unexpected(target.error());
  if (!target->ig_user_id) return no_instagram_account(target->page_id);
  const std::string ig = *target->ig_user_id;
  const size_t media_limit = static_cast<size_t>(args.value("media_limit", 12));
  auto read = read_through_cache(ctx, "instagram_profile", {{"ig_user_id", ig}, {"media_limit", media_limit}},
                                 kProfileMaxAgeSeconds, args.value("fresh", false),
                                 [&] { return fetch_profile(ctx, ig, media_limit); });
  if (!read) return std::unexpected(read.error());
  OpOutput out;
  out.data = read->value;
  if (!target->page_id.empty()) out.data["page_id"] = target->page_id;
  out.data["cache"] = cache_note(*read, ctx, kProfileMaxAgeSeconds);
  const auto& profile = out.data["profile"];
  const auto count_text = [&](const char* key) {
    return profile[key].is_number() ? std::to_string(profile[key].get<int64_t>()) : std::string("?");
  };
  out.summary = "@" + profile.value("username", "") + " (" + profile.value("name", "") + "): " +
                count_text("followers_count") + " followers, " + count_text("follows_count") + " following, " +
                count_text("media_count") + " posts; " + std::to_string(out.data["media"].size()) +
                " recent media below.";
  return out;
}

}  // namespace

void register_instagram_profile_op(tool::OpRegistry& registry) {
  registry.add({"instagram_profile", "instagram",
                "An Instagram account's profile (followers, bio, website) and recent media grid; cached 5 minutes",
                tool::Effect::Read, true, instagram_profile, {}});
}

}  // namespace fbmcp::ops
