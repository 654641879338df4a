// POST /act_<id>/adimages with the image's bytes, written once for every op that uploads an image (upload_image,
// launch_ad). Graph answers {"images": {"bytes": {"hash", "url"}}} (the key is "bytes" for this form:
// facebook-nodejs-business-sdk issue #116 reads result.images.bytes.hash).
#pragma once
#include <string>

#include "core/error.hpp"
#include "tool/op_context.hpp"

namespace fbmcp::ops {

struct UploadedImage {
  std::string hash;  // Graph's, which creatives must name
  std::string url;   // may be empty
};

// `bytes` go base64-encoded in `bytes` (PSDK adaccount.py create_ad_image params `bytes`, `copy_from`). The hash is
// the MD5 of the bytes, so the same image sent twice is the same image: the POST may be re-sent safely.
core::Result<UploadedImage> send_ad_image(tool::OpContext& ctx, const std::string& act_id, const std::string& bytes);

}  // namespace fbmcp::ops
