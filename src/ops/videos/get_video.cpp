// get_video: GET /<video id> with the few AdVideo fields an agent needs (PSDK advideo.py _field_types: title
// string, length float seconds, created_time, picture string, status Object). `status` is Graph's VideoStatus
// object, {"video_status": "processing" | "ready" | "error", "processing_progress": 0-100} (the PSDK's
// VideoEncodingStatusChecker waits on status.video_status leaving "processing"; anything but "ready" is a failure).
#include "ops/all_ops.hpp"
#include "ops/videos/videos_ops.hpp"
#include "tool/op_context.hpp"

namespace fbmcp::ops {
namespace {

using tool::OpContext;
using tool::OpOutput;

constexpr const char* kVideoFields = "id,title,length,created_time,picture,status";

core::Result<OpOutput> get_video(const nlohmann::json& args, OpContext& ctx) {
  const std::string id = args["video_id"].get<std::string>();
  auto body = ctx.graph.get(id, {{"fields", kVideoFields}});
  if (!body) return std::unexpected(body.error());
  nlohmann::json video = {{"id", id}};
  for (const char* key : {"title", "length", "created_time", "picture"}) {
    if (body->contains(key) && !(*body)[key].is_null()) video[key == std::string("length") ? "length_seconds" : key] = (*body)[key];
  }
  const auto status_object = body->contains("status") ? (*body)["status"] : nlohmann::json();
  std::string status = "unknown";
  if (status_object.is_object() && status_object.contains("video_status") && status_object["video_status"].is_string()) {
    status = status_object["video_status"].get<std::string>();
  }
  video["status"] = status;
  if (status_object.is_object() && status_object.contains("processing_progress") &&
      status_object["processing_progress"].is_number()) {
    video["processing_progress"] = status_object["processing_progress"];
  }
  const std::string title = video.contains("title") && video["title"].is_string() ? " '" + video["title"].get<std::string>() + "'" : "";

  OpOutput out;
  out.data = {{"video", video}};
  if (status == "ready") {
    out.summary = "Video " + id + title + " is ready: use it as video_id in create_creative, with a thumbnail "
                  "(image_hash of an uploaded image, or image_url — its picture works).";
    nlohmann::json creative_args = {{"video_id", id}};
    if (video.contains("picture")) creative_args["image_url"] = video["picture"];
    out.next = nlohmann::json{{"op", "create_creative"},
                              {"args", creative_args},
                              {"why", "the video is ready; a video creative also needs ad_account_id, name, page_id and link"}};
  } else if (status == "processing") {
    const std::string progress =
        video.contains("processing_progress") ? " (" + video["processing_progress"].dump() + "%)" : "";
    out.summary = "Video " + id + title + " is still processing" + progress +
                  "; call get_video again in a little while — a creative cannot use it yet.";
    out.next = nlohmann::json{{"op", "get_video"},
                              {"args", {{"video_id", id}}},
                              {"why", "Meta is still processing the video; check again in 10-30 seconds"}};
  } else if (status == "error") {
    out.summary = "Video " + id + title + " failed processing at Meta: it cannot be used in ads.";
    out.warnings.push_back("Meta could not process this video (video_status error): re-encode it (H.264 MP4 is "
                           "safest) and upload it again with upload_video");
  } else {
    out.summary = "Video " + id + title + " has status " + status + ".";
  }
  return out;
}

}  // namespace

void register_get_video_op(tool::OpRegistry& registry) {
  registry.add({"get_video", "creatives",
                "A video's processing status (processing, ready, error), title, length and picture; says when a "
                "creative can use it",
                tool::Effect::Read, true, get_video, {}});
}

}  // namespace fbmcp::ops
