// Where upload_image's bytes come from: exactly one of file_path, image_url, image_base64, each read with its own
// safety rules (media/local_file.hpp, media/url_fetch.hpp) and a 30 MB cap, then checked to be a real image.
#pragma once
#include <nlohmann/json.hpp>
#include <string>

#include "core/error.hpp"
#include "media/media_type.hpp"

namespace fbmcp::ops {

// Meta's limit for ad images is 30 MB (issue 9); the same cap holds for every source.
inline constexpr size_t kMaxImageBytes = 30u * 1024 * 1024;

struct ImageUpload {
  std::string bytes;         // never logged, never in a result
  std::string source;        // "file_path" | "image_url" | "image_base64"
  std::string source_name;   // file name or the URL's last path segment, for the summary; may be empty
  media::ImageInfo info;
};

core::Result<ImageUpload> read_image_source(const nlohmann::json& args);

}  // namespace fbmcp::ops
