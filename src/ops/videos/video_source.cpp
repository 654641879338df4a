#include "ops/videos/video_source.hpp"

#include "core/text.hpp"
#include "media/url_fetch.hpp"

namespace fbmcp::ops {
namespace {

std::unexpected<core::Error> video_source_refused(const std::string& path, std::string message, std::string hint) {
  auto error = core::fail(core::ErrorKind::InvalidArgs, std::move(message), std::move(hint));
  error.error().path = path;
  return error;
}

}  // namespace

core::Result<void> VideoSource::read(uint64_t offset, size_t length, std::string& bytes) const {
  if (file_) return file_->read_at(offset, length, bytes, source);
  bytes.assign(offset > bytes_.size() ? std::string_view() : std::string_view(bytes_).substr(offset, length));
  return {};
}

core::Result<VideoSource> read_video_source(const nlohmann::json& args) {
  const bool has_file = args.contains("file_path");
  const bool has_url = args.contains("video_url");
  const std::string example = "e.g. {\"ad_account_id\":\"act_1029384756102938\",\"file_path\":\"/home/me/ads/storm_15s.mp4\"}";
  if (has_file == has_url) {
    return video_source_refused(has_file ? "video_url" : "",
                                has_file ? "upload_video takes exactly one of file_path and video_url; got both"
                                         : "upload_video needs the video: one of file_path, video_url",
                                example);
  }
  VideoSource video;
  video.source = has_file ? "file_path" : "video_url";
  const std::string value = args[video.source].get<std::string>();
  std::string head;
  if (has_file) {
    auto file = media::open_local_file(value, "file_path", "a video file",
                                       "e.g. {\"file_path\":\"/home/me/ads/storm_15s.mp4\"}");
    if (!file) return std::unexpected(file.error());
    if (file->size() > kMaxVideoBytes) {
      return video_source_refused("file_path",
                                  "file_path '" + value + "' is " + std::to_string(file->size()) +
                                      " bytes; Meta takes videos up to 10 GB",
                                  "shorten or re-encode the video");
    }
    if (auto read = file->read_at(0, 64, head, "file_path"); !read) return std::unexpected(read.error());
    video.file_ = std::move(*file);
    video.source_name = core::last_path_segment(value);
  } else {
    media::FetchOptions options;
    options.max_bytes = kMaxVideoUrlBytes;
    options.timeout_ms = 300000;  // 5 minutes for up to 200 MB
    options.allow_private = media::private_urls_allowed();
    options.what = "video";
    options.local_alternative = "file_path";
    auto fetched = media::fetch_url(value, options, "video_url");
    if (!fetched) {
      auto error = fetched.error();
      if (error.message.find("is larger than") != std::string::npos) {
        error.hint = "videos from a URL are held in memory, up to 200 MB; download larger ones and pass file_path";
      }
      return std::unexpected(error);
    }
    video.bytes_ = std::move(fetched->bytes);
    head = video.bytes_.substr(0, 64);
    video.source_name = core::last_path_segment(fetched->final_url);
  }
  auto type = media::require_video(head, video.source);
  if (!type) return std::unexpected(type.error());
  video.type = *type;
  return video;
}

}  // namespace fbmcp::ops
