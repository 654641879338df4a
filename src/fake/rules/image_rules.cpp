#include "fake/rules/image_rules.hpp"

#include <algorithm>

#include "crypto/base64.hpp"
#include "media/image_hash.hpp"
#include "media/media_type.hpp"

namespace fbmcp::fake {
namespace {

// Graph's answer to a file that is not an image it takes: code 100, subcode 1487411 "FileTypeNotSupported", as
// reported verbatim in facebook/facebook-python-business-sdk issue #697.
GraphError file_type_not_supported() {
  GraphError e;
  e.code = 100;
  e.error_subcode = 1487411;
  e.message = "Invalid parameter";
  e.error_user_title = "FileTypeNotSupported";
  e.error_user_msg = "The type of file is not supported.";
  e.error_data = {{"blame_field_specs", {{"bytes"}}}};
  return e;
}

std::string_view image_extension(media::MediaType type) {
  switch (type) {
    case media::MediaType::Png: return "png";
    case media::MediaType::Gif: return "gif";
    case media::MediaType::Webp: return "webp";
    case media::MediaType::Bmp: return "bmp";
    case media::MediaType::Tiff: return "tiff";
    default: return "jpg";
  }
}

}  // namespace

WriteResult upload_ad_image(WriteContext& ctx, const Node& account, const ParamMap& params) {
  if (params.count("copy_from") || params.count("zipbytes")) {
    return std::unexpected(invalid_param(params.count("copy_from") ? "copy_from" : "zipbytes",
                                         "the emulator takes images as bytes only"));
  }
  // A multipart file part, else `bytes`.
  std::string key = "bytes";
  std::optional<std::string> bytes;
  const auto file = params.lower_bound(std::string(kFilePartPrefix));
  if (file != params.end() && file->first.starts_with(kFilePartPrefix)) {
    key = file->first.substr(kFilePartPrefix.size());
    bytes = file->second;
  } else {
    const auto encoded = param(params, "bytes");
    if (!encoded) return std::unexpected(missing_param("bytes"));
    bytes = crypto::base64_decode(*encoded);
    if (!bytes) return std::unexpected(invalid_param("bytes", "bytes must be the image encoded as base64"));
  }
  const auto info = media::image_info(*bytes);
  if (!media::is_image(info.type) || info.width == 0) return std::unexpected(file_type_not_supported());

  const std::string hash = media::image_hash(*bytes);
  const std::string account_id = account.data.value("account_id", "");
  // Meta's id for an image is "<account_id>:<hash>" (PSDK adimagemixin.py), so the same bytes are the same object.
  const std::string id = account_id + ":" + hash;
  const std::string url = "https://scontent.example.invalid/adimg/" + hash + "." + std::string(image_extension(info.type));
  if (!ctx.store.find(id)) {
    nlohmann::json image = {{"id", id},
                           {"account_id", account_id},
                           {"hash", hash},
                           {"url", url},
                           {"url_128", url},
                           {"width", info.width},
                           {"height", info.height},
                           {"original_width", info.width},
                           {"original_height", info.height},
                           {"status", "ACTIVE"},
                           {"created_time", ctx.now},
                           {"updated_time", ctx.now}};
    // A file part names the image after the file; what Graph names a `bytes` upload no source says, so none is made up.
    if (key != "bytes") image["name"] = key.substr(key.find_last_of('/') + 1);
    ctx.store.insert("adimage", std::move(image));
  }
  return nlohmann::json{{"images", {{key, {{"hash", hash}, {"url", url}}}}}};
}

std::optional<GraphError> filter_images_by_hash(const ParamMap& params, std::vector<const Node*>& images) {
  const auto hashes = json_param(params, "hashes");
  if (!hashes) return std::nullopt;
  if (!hashes->is_array() || !std::all_of(hashes->begin(), hashes->end(), [](const auto& h) { return h.is_string(); })) {
    return invalid_param("hashes", "hashes must be a JSON list of image hashes, e.g. [\"a8a63b4d63a08aed720d0f5f249e07d9\"]");
  }
  std::erase_if(images, [&](const Node* image) {
    const auto hash = image->data.value("hash", "");
    return std::none_of(hashes->begin(), hashes->end(), [&](const auto& h) { return h.template get<std::string>() == hash; });
  });
  return std::nullopt;
}

}  // namespace fbmcp::fake
