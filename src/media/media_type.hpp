// What an upload really is, told by its first bytes and never by its name or a declared content type: an agent can
// be talked into uploading ~/.ssh/id_rsa renamed photo.jpg, and only the content says it is a key (issue 9,
// "Uploads are an attack surface"). Parsing is bounds-checked throughout: a hostile file never over-reads.
#pragma once
#include <cstdint>
#include <string>
#include <string_view>

#include "core/error.hpp"

namespace fbmcp::media {

enum class MediaType { Jpeg, Png, Gif, Webp, Bmp, Tiff, Mp4, Mov, Unknown };

// Short display name: "JPEG", "PNG", …, "MP4", "MOV", "unknown".
std::string_view type_name(MediaType type);
std::string_view mime_type(MediaType type);
bool is_image(MediaType type);

// By magic bytes only.
MediaType sniff(std::string_view bytes);

// For content that is not media, what it looks like, in words an agent can repeat to a user: "text", "a PEM
// private key", "a ZIP archive", "an ELF executable", "an empty file", "unknown binary data", …
std::string describe_content(std::string_view bytes);

struct ImageInfo {
  MediaType type = MediaType::Unknown;
  uint32_t width = 0;   // 0 when the header does not say (a truncated file whose type is still clear)
  uint32_t height = 0;
};

// Pixel size from the headers (JPEG SOF, PNG IHDR, GIF screen descriptor, WebP VP8/VP8L/VP8X, BMP DIB header, TIFF
// IFD0). Returns zeros when the header is cut short or damaged; never reads past `bytes`.
ImageInfo image_info(std::string_view bytes);

// The image types upload_image accepts, for messages: "JPEG, PNG, GIF, WebP, BMP, TIFF".
std::string_view accepted_image_types();

// An image, or InvalidArgs naming `arg` ("file_path", "image_url", "image_base64"), saying what the content looks
// like and which types are accepted.
core::Result<ImageInfo> require_image(std::string_view bytes, const std::string& arg);

// An MP4 or MOV video by its first bytes (`head`: the first 64 or so are plenty), or InvalidArgs naming `arg`,
// saying what the content looks like. Meta takes many more containers (FBD/graph-api/video-uploads lists 3gp, avi,
// mkv, …); these two are the ones the bytes are checked for, and what ads are made of.
core::Result<MediaType> require_video(std::string_view head, const std::string& arg);

}  // namespace fbmcp::media
