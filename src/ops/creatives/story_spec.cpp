#include "ops/creatives/story_spec.hpp"

#include "ops/common/money_args.hpp"

namespace fbmcp::ops {
namespace {

// call_to_action={"type": …, "value": {"link": …}} (PSDK adcreativelinkdatacalltoaction.py, value keys
// adcreativelinkdatacalltoactionvalue.py).
nlohmann::json call_to_action(const std::string& type, const std::string& link) {
  nlohmann::json cta = {{"type", type}};
  if (!link.empty()) cta["value"] = {{"link", link}};
  return cta;
}

void copy_if(const nlohmann::json& from, const char* arg, nlohmann::json& to, const char* field) {
  if (from.contains(arg)) to[field] = from[arg];
}

// A carousel card → AdCreativeLinkDataChildAttachment (PSDK adcreativelinkdatachildattachment.py): link, name
// (headline), description, image_hash.
nlohmann::json card_of(const nlohmann::json& card, const std::string& cta_type) {
  nlohmann::json child = {{"link", card["link"]}, {"image_hash", card["image_hash"]}};
  copy_if(card, "headline", child, "name");
  copy_if(card, "description", child, "description");
  if (!cta_type.empty()) child["call_to_action"] = call_to_action(cta_type, card["link"].get<std::string>());
  return child;
}

}  // namespace

core::Result<nlohmann::json> story_spec_of(const nlohmann::json& args, const std::string& prefix) {
  // object_story_spec keys (PSDK adcreativeobjectstoryspec.py); instagram_user_id replaced instagram_actor_id in
  // v22.0 (Marketing API changelog v22.0, POST /{ad-account-id}/adcreatives).
  nlohmann::json spec = {{"page_id", args["page_id"]}};
  copy_if(args, "instagram_user_id", spec, "instagram_user_id");
  const std::string cta = args.value("call_to_action_type", "");
  const std::string link = args.value("link", "");
  if (args.contains("video_id")) {
    if (args.contains("cards")) {
      return std::unexpected(invalid_args("video_id and cards don't go together",
                                          "a carousel's cards carry images; drop video_id or cards", prefix + "cards"));
    }
    if (!args.contains("image_hash") && !args.contains("image_url")) {
      return std::unexpected(invalid_args("a video creative needs a thumbnail",
                                          "give image_hash (list_images) or image_url for the video's thumbnail",
                                          prefix + "image_hash"));
    }
    // video_data (PSDK adcreativevideodata.py): title is the headline, link_description the description; the
    // link sits in the call to action.
    nlohmann::json video = {{"video_id", args["video_id"]}};
    copy_if(args, "image_hash", video, "image_hash");
    copy_if(args, "image_url", video, "image_url");
    copy_if(args, "message", video, "message");
    copy_if(args, "headline", video, "title");
    copy_if(args, "description", video, "link_description");
    if (!cta.empty()) video["call_to_action"] = call_to_action(cta, link);
    spec["video_data"] = video;
    return spec;
  }
  if (link.empty()) {
    return std::unexpected(invalid_args("a link ad needs link", "give link, the page the ad opens", prefix + "link"));
  }
  // link_data (PSDK adcreativelinkdata.py): name is the headline.
  nlohmann::json data = {{"link", link}};
  copy_if(args, "message", data, "message");
  copy_if(args, "headline", data, "name");
  copy_if(args, "description", data, "description");
  copy_if(args, "image_hash", data, "image_hash");
  if (!cta.empty()) data["call_to_action"] = call_to_action(cta, link);
  if (args.contains("cards")) {
    data["child_attachments"] = nlohmann::json::array();
    for (const auto& card : args["cards"]) data["child_attachments"].push_back(card_of(card, cta));
  }
  spec["link_data"] = data;
  return spec;
}

std::vector<std::pair<std::string, std::string>> image_hashes_of(const nlohmann::json& args,
                                                                 const std::string& prefix) {
  std::vector<std::pair<std::string, std::string>> hashes;
  if (args.contains("image_hash")) hashes.emplace_back(args["image_hash"].get<std::string>(), prefix + "image_hash");
  const auto cards = args.value("cards", nlohmann::json::array());
  for (size_t i = 0; i < cards.size(); ++i) {
    hashes.emplace_back(cards[i].value("image_hash", ""), prefix + "cards[" + std::to_string(i) + "].image_hash");
  }
  return hashes;
}

}  // namespace fbmcp::ops
