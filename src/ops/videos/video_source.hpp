// Where upload_video's bytes come from: exactly one of file_path (a regular file, read piece by piece at the
// offsets Graph asks for — a 1 GB video is never in memory) and video_url (downloaded through media/url_fetch's
// guard, so capped: it is held in memory). Either way the content must be an MP4 or MOV video by its first bytes.
#pragma once
#include <nlohmann/json.hpp>
#include <optional>
#include <string>

#include "core/error.hpp"
#include "media/local_file.hpp"
#include "media/media_type.hpp"

namespace fbmcp::ops {

// Resumable uploads take videos up to 10 GB (FBD/graph-api/video-uploads, "Limitations").
inline constexpr uint64_t kMaxVideoBytes = 10ull * 1024 * 1024 * 1024;
// A URL's video is downloaded whole into memory before it is checked and sent; 200 MB keeps that bounded. Larger
// videos: download them and pass file_path.
inline constexpr size_t kMaxVideoUrlBytes = 200u * 1024 * 1024;

class VideoSource {
 public:
  std::string source;       // "file_path" | "video_url"
  std::string source_name;  // file name or the URL's last path segment; may be empty
  media::MediaType type = media::MediaType::Unknown;

  uint64_t size() const { return file_ ? file_->size() : bytes_.size(); }
  // Bytes [offset, offset + length) of the video into `bytes` (its memory reused: one chunk-sized buffer serves a
  // whole upload).
  core::Result<void> read(uint64_t offset, size_t length, std::string& bytes) const;

  friend core::Result<VideoSource> read_video_source(const nlohmann::json& args);

 private:
  std::optional<media::LocalFile> file_;
  std::string bytes_;  // video_url only
};

core::Result<VideoSource> read_video_source(const nlohmann::json& args);

}  // namespace fbmcp::ops
