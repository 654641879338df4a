// Ad images: POST /act_<id>/adimages with `bytes` (base64 of the file; PSDK adaccount.py create_ad_image takes
// `bytes` and `copy_from`) and GET /act_<id>/adimages?hashes=[…] (PSDK get_ad_images param `hashes`).
#pragma once
#include <string_view>
#include <vector>

#include "fake/write_context.hpp"

namespace fbmcp::fake {

// FakeGraphServer puts each multipart file part under this prefix + the part's name, so a file is never mistaken
// for a text param of the same name. Meta's SDKs send an image file as a part named after the file
// (PSDK adimagemixin.py remote_create: files={filename: open_file}), and Graph keys its answer by that name.
inline constexpr std::string_view kFilePartPrefix = "\001file:";

// Stores (or finds: the hash is the MD5 of the bytes, so the same image uploaded twice is one object) an adimage
// node and answers Graph's shape {"images": {"bytes": {"hash", "url"}}} — keyed "bytes" for a bytes upload, as
// Meta's Node SDK reads it (`result.images.bytes.hash`, facebook-nodejs-business-sdk issue #116), and keyed by the
// part's name for a multipart file (which also names the image).
WriteResult upload_ad_image(WriteContext& ctx, const Node& account, const ParamMap& params);

// Keeps only the images whose hash is in `hashes`, when the param is given. A `hashes` that is not a JSON list of
// strings is refused with code 100 naming it.
std::optional<GraphError> filter_images_by_hash(const ParamMap& params, std::vector<const Node*>& images);

}  // namespace fbmcp::fake
