// create_creative: its pre-flight checks the page and the images before Graph is asked, so a wrong one is named
// with what would fit (the emulator refuses the same, fake/rules/creative_rules.cpp). Creatives are immutable on
// Meta (graph-api-facts.md §2), so there is no update op.
#include <algorithm>

#include "ops/all_ops.hpp"
#include "ops/common/money_args.hpp"
#include "ops/common/object_create.hpp"
#include "ops/creatives/creative_kind.hpp"
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
core::Result<void> check_instagram_of(const nlohmann::json& page, const nlohmann::json& args) {
  if (!args.contains("instagram_user_id")) return {};
  const auto linked = page.value("instagram_business_account", nlohmann::json::object()).value("id", "");
  if (linked == args["instagram_user_id"].get<std::string>()) return {};
  return std::unexpected(invalid_args(
      "instagram_user_id " + args["instagram_user_id"].get<std::string>() + " is not the Instagram account of page " +
          page.value("id", ""),
      linked.empty() ? "this page has no linked Instagram account: leave instagram_user_id out"
                     : "use the page's account, instagram_user_id " + linked,
      "args.instagram_user_id"));
}

// Every named image must be one of the account's (GET /act_<id>/adimages?hashes=[…], graph-api-facts.md §2).
core::Result<void> check_images(OpContext& ctx, const std::string& act_id, const nlohmann::json& args) {
  const auto wanted = image_hashes_of(args);
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

core::Result<PlannedCreate> plan_creative_create(const nlohmann::json& args, OpContext& ctx) {
  auto act = tool::normalize_account_id(args["ad_account_id"].get<std::string>());
  if (!act) return std::unexpected(act.error());
  auto account = ctx.accounts.get(*act);
  if (!account) return std::unexpected(account.error());
  PlannedCreate plan;
  plan.act_id = *act;
  plan.account = *account;
  plan.edge = *act + "/" + creative_kind().edge;
  plan.where = "in " + *act;
  plan.params = graph::Params{{"name", args["name"]}};
  if (args.contains("object_story_id")) {
    // Promoting an existing page post: object_story_id = <page_id>_<post_id> (graph-api-facts.md §2).
    const std::string story = args["object_story_id"];
    if (auto page = usable_page_of(ctx, story.substr(0, story.find('_')), "args.object_story_id"); !page) {
      return std::unexpected(page.error());
    }
    plan.params.set("object_story_id", story);
  } else {
    if (!args.contains("page_id")) {
      return std::unexpected(invalid_args("give page_id (a new ad) or object_story_id (an existing page post)",
                                          R"(e.g. {"page_id": "104857600000001", "link": "https://…"})",
                                          "args.page_id"));
    }
    auto spec = story_spec_of(args);
    if (!spec) return std::unexpected(spec.error());
    auto page = usable_page_of(ctx, args["page_id"], "args.page_id");
    if (!page) return std::unexpected(page.error());
    if (auto ig = check_instagram_of(*page, args); !ig) return std::unexpected(ig.error());
    if (auto images = check_images(ctx, *act, args); !images) return std::unexpected(images.error());
    plan.params.set("object_story_spec", *spec);
  }
  // A creative with the same name in the account is ours only if it tells the same story.
  const nlohmann::json story_id = args.value("object_story_id", nlohmann::json());
  plan.same_object = [story_id](const nlohmann::json& candidate) {
    return story_id.is_null() || candidate.value("object_story_id", nlohmann::json()) == story_id;
  };
  plan.match_fields = {"object_story_id"};
  return plan;
}

}  // namespace

void register_creative_write_ops(tool::OpRegistry& registry) {
  register_create_op(registry, creative_kind(),
                     "Create an ad creative: a link, video or carousel story for a page, or an existing page post",
                     plan_creative_create);
}

}  // namespace fbmcp::ops
