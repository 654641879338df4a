#include "fake/rules/creative_rules.hpp"

#include "core/json_read.hpp"
#include "fake/rules/video_rules.hpp"

#include <algorithm>

namespace fbmcp::fake {
namespace {

// Carousels take 2 to 10 cards (Meta's carousel ads guide, FBD/marketing-api/creative/carousel-ads; not checked
// against a Graph answer here).
constexpr size_t kMinCards = 2;
constexpr size_t kMaxCards = 10;

std::string usable_pages_text(const WriteContext& ctx) {
  std::string text;
  for (const auto& id : ctx.store.me().value("accounts", nlohmann::json::array())) {
    const Node* page = ctx.store.find(id.get<std::string>());
    if (!text.empty()) text += ", ";
    text += id.get<std::string>();
    if (page) text += " (" + core::string_or_empty(page->data, "name") + ")";
  }
  return text;
}

// The page must be one the token can act for: one of /me/accounts (fixtures/me.json "accounts").
std::expected<const Node*, GraphError> usable_page(const WriteContext& ctx, const std::string& page_id,
                                                   const std::string& field) {
  const auto pages = ctx.store.me().value("accounts", nlohmann::json::array());
  const Node* page = ctx.store.find(page_id);
  if (!page || page->type != "page" || std::find(pages.begin(), pages.end(), page_id) == pages.end()) {
    return std::unexpected(invalid_param(field, "", "Page not usable",
                                         "page " + page_id + " is not a Facebook Page this token can use; "
                                         "usable pages: " + usable_pages_text(ctx) + "."));
  }
  return page;
}

// Images are the account's adimages, keyed "<account_id>:<hash>" (graph-api-facts.md §2, adimagemixin.py).
std::optional<GraphError> check_image_hash(const WriteContext& ctx, const std::string& account_id,
                                           const std::string& hash, const std::string& field) {
  const Node* image = ctx.store.find(account_id + ":" + hash);
  if (image && image->type == "adimage" && core::string_or_empty(image->data, "status") != "DELETED") {
    return std::nullopt;
  }
  return invalid_param(field, "", "Image not found",
                       "image_hash " + hash + " is not an image of ad account act_" + account_id +
                           "; list them with GET /act_" + account_id + "/adimages or upload one first.");
}

// call_to_action={"type": …, "value": {…}} (PSDK adcreativelinkdatacalltoaction.py); the type is Meta SDK
// AdCreative.CallToActionType.
std::optional<GraphError> check_call_to_action(const WriteContext& ctx, const nlohmann::json& holder,
                                               const std::string& field) {
  if (!holder.contains("call_to_action")) return std::nullopt;
  const auto& cta = holder["call_to_action"];
  const std::string type = cta.is_object() ? core::string_or_empty(cta, "type") : std::string();
  if (type.empty()) {
    return invalid_param(field, "", "Invalid call to action",
                         "call_to_action must be an object with a type, e.g. {\"type\":\"LEARN_MORE\"}.");
  }
  return check_enum(ctx, "adcreative.call_to_action_type", field + "[type]", type);
}

std::string text_of(const nlohmann::json& object, const char* key) { return core::string_or_empty(object, key); }

// link_data (PSDK adcreativelinkdata.py): link required; image_hash of the account; a carousel's
// child_attachments (adcreativelinkdatachildattachment.py) each with its own link and image.
std::optional<GraphError> check_link_data(const WriteContext& ctx, const std::string& account_id,
                                          const nlohmann::json& link_data) {
  if (!link_data.is_object()) {
    return invalid_param("object_story_spec[link_data]", "", "Invalid link_data", "link_data must be an object.");
  }
  if (text_of(link_data, "link").empty()) return missing_param("object_story_spec[link_data][link]");
  if (auto hash = text_of(link_data, "image_hash"); !hash.empty()) {
    if (auto e = check_image_hash(ctx, account_id, hash, "object_story_spec[link_data][image_hash]")) return e;
  }
  if (auto e = check_call_to_action(ctx, link_data, "object_story_spec[link_data][call_to_action]")) return e;
  if (!link_data.contains("child_attachments")) return std::nullopt;
  const auto& cards = link_data["child_attachments"];
  if (!cards.is_array() || cards.size() < kMinCards || cards.size() > kMaxCards) {
    return invalid_param("object_story_spec[link_data][child_attachments]", "", "Invalid carousel",
                         "A carousel needs 2 to 10 child_attachments; got " +
                             std::to_string(cards.is_array() ? cards.size() : 0) + ".");
  }
  for (size_t i = 0; i < cards.size(); ++i) {
    const std::string at = "object_story_spec[link_data][child_attachments][" + std::to_string(i) + "]";
    if (!cards[i].is_object() || text_of(cards[i], "link").empty()) return missing_param(at + "[link]");
    if (auto hash = text_of(cards[i], "image_hash"); !hash.empty()) {
      if (auto e = check_image_hash(ctx, account_id, hash, at + "[image_hash]")) return e;
    } else if (text_of(cards[i], "picture").empty() && text_of(cards[i], "video_id").empty()) {
      return missing_param(at + "[image_hash]");
    }
    if (auto e = check_call_to_action(ctx, cards[i], at + "[call_to_action]")) return e;
  }
  return std::nullopt;
}

// video_data (PSDK adcreativevideodata.py): video_id, and a thumbnail as image_hash or image_url. The video must be
// one of the account's and ready (fake/rules/video_rules.hpp).
std::optional<GraphError> check_video_data(const WriteContext& ctx, const std::string& account_id,
                                           const nlohmann::json& video_data) {
  if (!video_data.is_object()) {
    return invalid_param("object_story_spec[video_data]", "", "Invalid video_data", "video_data must be an object.");
  }
  const std::string video_id = text_of(video_data, "video_id");
  if (video_id.empty()) return missing_param("object_story_spec[video_data][video_id]");
  if (auto hash = text_of(video_data, "image_hash"); !hash.empty()) {
    if (auto e = check_image_hash(ctx, account_id, hash, "object_story_spec[video_data][image_hash]")) return e;
  } else if (text_of(video_data, "image_url").empty()) {
    return invalid_param("object_story_spec[video_data][image_hash]", "", "Video thumbnail missing",
                         "A video ad needs a thumbnail: give video_data image_hash or image_url.");
  }
  if (auto e = video_ready_for_creative(ctx, account_id, video_id, "object_story_spec[video_data][video_id]")) return e;
  return check_call_to_action(ctx, video_data, "object_story_spec[video_data][call_to_action]");
}

// object_story_spec keys (PSDK adcreativeobjectstoryspec.py): page_id, instagram_user_id (v22 replacement of
// instagram_actor_id, Marketing API changelog v22.0), link_data, video_data, … The Instagram account must be the
// page's (Page.instagram_business_account).
std::optional<GraphError> check_story_spec(const WriteContext& ctx, const std::string& account_id,
                                           const nlohmann::json& spec) {
  if (!spec.is_object()) {
    return invalid_param("object_story_spec", "", "Invalid object_story_spec", "object_story_spec must be an object.");
  }
  const std::string page_id = text_of(spec, "page_id");
  if (page_id.empty()) return missing_param("object_story_spec[page_id]");
  auto page = usable_page(ctx, page_id, "object_story_spec[page_id]");
  if (!page) return page.error();
  if (auto ig = text_of(spec, "instagram_user_id"); !ig.empty()) {
    const auto linked = (*page)->data.value("instagram_business_account", nlohmann::json::object());
    if (core::string_or_empty(linked, "id") != ig) {
      return invalid_param("object_story_spec[instagram_user_id]", "", "Instagram account not linked",
                           "instagram_user_id " + ig + " is not the Instagram account of page " + page_id +
                               (linked.contains("id") ? " (its account is " + linked["id"].get<std::string>() + ")"
                                                      : " (the page has none)") + ".");
    }
  }
  const bool link = spec.contains("link_data");
  const bool video = spec.contains("video_data");
  if (link == video) {
    return invalid_param("object_story_spec", "", "Story spec incomplete",
                         "object_story_spec needs exactly one of link_data and video_data.");
  }
  return link ? check_link_data(ctx, account_id, spec["link_data"]) : check_video_data(ctx, account_id, spec["video_data"]);
}

// What Graph derives on read: image_hash, thumbnail_url, call_to_action_type and object_type from the story.
void derive_read_fields(const WriteContext& ctx, const std::string& account_id, nlohmann::json& creative) {
  const auto& spec = creative["object_story_spec"];
  const bool video = spec.contains("video_data");
  const auto& story = video ? spec["video_data"] : spec["link_data"];
  // Carousels carry their images on the cards; the first card's stands for the creative, as a thumbnail does.
  std::string hash = text_of(story, "image_hash");
  if (hash.empty() && story.contains("child_attachments")) hash = text_of(story["child_attachments"][0], "image_hash");
  if (!hash.empty()) {
    creative["image_hash"] = hash;
    if (const Node* image = ctx.store.find(account_id + ":" + hash)) {
      creative["thumbnail_url"] = core::string_or_empty(image->data, "url");
    }
  } else if (video && story.contains("image_url")) {
    creative["thumbnail_url"] = story["image_url"];
  }
  if (video) creative["video_id"] = story["video_id"];
  if (story.contains("call_to_action")) creative["call_to_action_type"] = story["call_to_action"]["type"];
  // AdCreative.ObjectType (graph-enums.json adcreative.object_type): VIDEO for video stories, SHARE for links.
  creative["object_type"] = video ? "VIDEO" : "SHARE";
}

}  // namespace

WriteResult build_creative(WriteContext& ctx, const Node& account, const ParamMap& params) {
  const auto name = param(params, "name");
  if (!name || name->empty()) return std::unexpected(missing_param("name"));
  const auto account_id = core::string_or_empty(account.data, "account_id");
  nlohmann::json creative = {{"id", ""}, {"account_id", account_id}, {"name", *name}, {"status", "ACTIVE"}};
  const auto story_id = param(params, "object_story_id");
  const auto spec = json_param(params, "object_story_spec");
  if (story_id.has_value() == spec.has_value()) {
    return std::unexpected(invalid_param("object_story_spec", "", "Creative content missing",
                                         "Give exactly one of object_story_spec (a new story) and object_story_id "
                                         "(an existing page post, <page_id>_<post_id>)."));
  }
  if (story_id) {
    // object_story_id is <page_id>_<post_id> (graph-api-facts.md §2).
    const auto cut = story_id->find('_');
    if (cut == std::string::npos || cut == 0 || cut + 1 == story_id->size()) {
      return std::unexpected(invalid_param("object_story_id", "", "Invalid post id",
                                           "object_story_id must look like <page_id>_<post_id>, not " + *story_id +
                                               "."));
    }
    if (auto page = usable_page(ctx, story_id->substr(0, cut), "object_story_id"); !page) {
      return std::unexpected(page.error());
    }
    creative["object_story_id"] = *story_id;
    creative["effective_object_story_id"] = *story_id;
    creative["object_type"] = "SHARE";
    return creative;
  }
  if (auto e = check_story_spec(ctx, account_id, *spec)) return std::unexpected(*e);
  creative["object_story_spec"] = *spec;
  derive_read_fields(ctx, account_id, creative);
  // Graph publishes the story as an unpublished page post; its id is what ads deliver.
  if (!is_validate_only(params)) {
    creative["effective_object_story_id"] = text_of(*spec, "page_id") + "_" + ctx.store.allocate_id();
  }
  return creative;
}

WriteResult apply_creative_update(WriteContext& ctx, const Node& creative, const ParamMap& params) {
  // AdCreative.api_update takes account_id, adlabels, name and status only (PSDK adobjects/adcreative.py); what the
  // creative shows can't change, so a content field is refused rather than silently ignored.
  for (const auto& [key, value] : params) {
    if (key == "name" || key == "status" || key == "adlabels" || key == "account_id") continue;
    if (ctx.model.has_field("adcreative", key)) {
      return std::unexpected(invalid_param(key, "", "Creative can't be edited",
                                           key + " can't change on an existing creative: create a new creative and "
                                                 "swap it into the ad (POST /<ad_id> creative={\"creative_id\":…})."));
    }
  }
  nlohmann::json c = creative.data;
  if (core::string_or_empty(c, "status") == "DELETED") {
    return std::unexpected(invalid_param("status", "", "Creative deleted", "A deleted creative takes no edits."));
  }
  if (auto name = param(params, "name")) {
    if (name->empty()) return std::unexpected(missing_param("name"));
    c["name"] = *name;
  }
  if (auto status = param(params, "status")) {
    if (auto e = check_enum(ctx, "adcreative.status", "status", *status)) return std::unexpected(*e);
    c["status"] = *status;
  }
  return c;
}

}  // namespace fbmcp::fake
