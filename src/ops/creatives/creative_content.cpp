#include "ops/creatives/creative_content.hpp"

#include <algorithm>

#include "ops/common/money_args.hpp"
#include "ops/creatives/story_spec.hpp"

namespace fbmcp::ops {
namespace {

using tool::OpContext;

// The page must be one the token can act for (GET /me/accounts); the error lists those it can. Returns the page
// with its linked Instagram account (Page.instagram_business_account).
core::Result<nlohmann::json> usable_page_of(OpContext& ctx, const std::string& page_id, const std::string& path) {
  auto pages = ctx.graph.list("me/accounts", graph::Params{{"fields", "id,name,instagram_business_account"}}, 500);
  if (!pages) return std::unexpected(pages.error());
  std::string usable;
  for (const auto& page : pages->items) {
    if (page.value("id", "") == page_id) return page;
    usable += (usable.empty() ? "" : ", ") + page.value("id", "") + " (" + page.value("name", "") + ")";
  }
  return std::unexpected(invalid_args("page " + page_id + " is not a Facebook Page this token can use",
                                      "usable pages: " + (usable.empty() ? std::string("none") : usable), path));
}

// An ad runs on Instagram as the page's own linked account (instagram_user_id, which replaced instagram_actor_id
// in v22.0: Marketing API changelog v22.0).
core::Result<void> check_instagram_of(const nlohmann::json& page, const nlohmann::json& args,
                                      const std::string& prefix) {
  if (!args.contains("instagram_user_id")) return {};
  const auto linked = page.value("instagram_business_account", nlohmann::json::object()).value("id", "");
  if (linked == args["instagram_user_id"].get<std::string>()) return {};
  return std::unexpected(invalid_args(
      "instagram_user_id " + args["instagram_user_id"].get<std::string>() + " is not the Instagram account of page " +
          page.value("id", ""),
      linked.empty() ? "this page has no linked Instagram account: leave instagram_user_id out"
                     : "use the page's account, instagram_user_id " + linked,
      prefix + "instagram_user_id"));
}

// Every named image must be one of the account's (GET /act_<id>/adimages?hashes=[…], graph-api-facts.md §2).
core::Result<void> check_images(OpContext& ctx, const std::string& act_id, const nlohmann::json& args,
                                const std::string& prefix, const std::vector<std::string>& arriving) {
  auto wanted = image_hashes_of(args, prefix);
  std::erase_if(wanted, [&](const auto& named) {
    return std::find(arriving.begin(), arriving.end(), named.first) != arriving.end();
  });
  if (wanted.empty()) return {};
  nlohmann::json hashes = nlohmann::json::array();
  for (const auto& [hash, path] : wanted) hashes.push_back(hash);
  auto images = ctx.graph.list(act_id + "/adimages", graph::Params{{"fields", "hash"}, {"hashes", hashes}}, 500);
  if (!images) return std::unexpected(images.error());
  for (const auto& [hash, path] : wanted) {
    const bool found = std::any_of(images->items.begin(), images->items.end(),
                                   [&](const nlohmann::json& image) { return image.value("hash", "") == hash; });
    if (!found) {
      return std::unexpected(invalid_args("image hash " + hash + " is not an image of " + act_id,
                                          "list_images shows the account's image hashes; upload_image adds one",
                                          path));
    }
  }
  return {};
}

}  // namespace

core::Result<nlohmann::json> plan_creative_content(const nlohmann::json& args, OpContext& ctx,
                                                   const std::string& act_id, const std::string& prefix,
                                                   const std::vector<std::string>& arriving_hashes) {
  if (args.contains("object_story_id")) {
    // Promoting an existing page post: object_story_id = <page_id>_<post_id> (graph-api-facts.md §2).
    const std::string story = args["object_story_id"];
    if (auto page = usable_page_of(ctx, story.substr(0, story.find('_')), prefix + "object_story_id"); !page) {
      return std::unexpected(page.error());
    }
    return nlohmann::json{{"object_story_id", story}};
  }
  if (!args.contains("page_id")) {
    return std::unexpected(invalid_args("give page_id (a new ad) or object_story_id (an existing page post)",
                                        R"(e.g. {"page_id": "104857600000001", "link": "https://…"})",
                                        prefix + "page_id"));
  }
  auto spec = story_spec_of(args, prefix);
  if (!spec) return std::unexpected(spec.error());
  auto page = usable_page_of(ctx, args["page_id"], prefix + "page_id");
  if (!page) return std::unexpected(page.error());
  if (auto ig = check_instagram_of(*page, args, prefix); !ig) return std::unexpected(ig.error());
  if (auto images = check_images(ctx, act_id, args, prefix, arriving_hashes); !images) return std::unexpected(images.error());
  return nlohmann::json{{"object_story_spec", *spec}};
}

}  // namespace fbmcp::ops
