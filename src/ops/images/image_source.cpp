#include "ops/images/image_source.hpp"

#include "core/text.hpp"
#include "crypto/base64.hpp"
#include "media/local_file.hpp"
#include "media/url_fetch.hpp"

namespace fbmcp::ops {
namespace {

constexpr const char* kSources[] = {"file_path", "image_url", "image_base64"};

std::unexpected<core::Error> source_refused(const std::string& path, std::string message, std::string hint) {
  auto error = core::fail(core::ErrorKind::InvalidArgs, std::move(message), std::move(hint));
  error.error().path = path;
  return error;
}

// Accepts plain base64 and a data URL ("data:image/png;base64,…"), as agents often pass one; unpadded input is
// padded. Checked against the cap before decoding, so a huge string is refused without a huge allocation.
core::Result<std::string> decode_image_base64(std::string text) {
  if (text.rfind("data:", 0) == 0) {
    const auto comma = text.find(',');
    if (comma == std::string::npos || text.substr(0, comma).find(";base64") == std::string::npos) {
      return source_refused("image_base64", "image_base64 is a data URL without ;base64,",
                            "pass the base64 text alone, e.g. {\"image_base64\":\"iVBORw0KGgo…\"}");
    }
    text.erase(0, comma + 1);
  }
  if (text.size() > (kMaxImageBytes / 3 + 1) * 4) {
    return source_refused("image_base64",
                          "image_base64 decodes to more than " + std::to_string(kMaxImageBytes) + " bytes (30 MB)",
                          "use a smaller image, or pass file_path");
  }
  while (text.size() % 4 != 0) text += '=';
  auto bytes = crypto::base64_decode(text);
  if (!bytes) {
    return source_refused("image_base64", "image_base64 is not valid base64",
                          "pass standard base64 (A-Z a-z 0-9 + /), e.g. {\"image_base64\":\"iVBORw0KGgo…\"}");
  }
  return std::move(*bytes);
}

}  // namespace

core::Result<ImageUpload> read_image_source(const nlohmann::json& args) {
  std::vector<std::string> given;
  for (const char* key : kSources) {
    if (args.contains(key)) given.emplace_back(key);
  }
  if (given.size() != 1) {
    return source_refused(given.empty() ? "" : given[1],
                          given.empty() ? "upload_image needs the image: one of file_path, image_url, image_base64"
                                        : "upload_image takes exactly one of file_path, image_url, image_base64; got " +
                                              given[0] + " and " + given[1],
                          "e.g. {\"ad_account_id\":\"act_1029384756102938\",\"file_path\":\"/home/me/ads/summer.jpg\"}");
  }
  ImageUpload upload;
  upload.source = given[0];
  const std::string value = args[upload.source].get<std::string>();
  if (upload.source == "file_path") {
    auto bytes = media::read_local_file(value, kMaxImageBytes, "file_path");
    if (!bytes) return std::unexpected(bytes.error());
    upload.bytes = std::move(*bytes);
    upload.source_name = core::last_path_segment(value);
  } else if (upload.source == "image_url") {
    media::FetchOptions options;
    options.max_bytes = kMaxImageBytes;
    options.allow_private = media::private_urls_allowed();
    auto fetched = media::fetch_url(value, options, "image_url");
    if (!fetched) return std::unexpected(fetched.error());
    upload.bytes = std::move(fetched->bytes);
    upload.source_name = core::last_path_segment(fetched->final_url);
  } else {
    auto bytes = decode_image_base64(value);
    if (!bytes) return std::unexpected(bytes.error());
    upload.bytes = std::move(*bytes);
  }
  auto info = media::require_image(upload.bytes, upload.source);
  if (!info) return std::unexpected(info.error());
  if (info->width == 0 || info->height == 0) {
    return source_refused(upload.source,
                          upload.source + " looks like a " + std::string(media::type_name(info->type)) +
                              " image, but its header is cut short or damaged (no width and height in it)",
                          "re-export the image and try again");
  }
  upload.info = *info;
  return upload;
}

}  // namespace fbmcp::ops
