#include "ops/images/ad_image_request.hpp"

#include "crypto/base64.hpp"

namespace fbmcp::ops {

core::Result<UploadedImage> send_ad_image(tool::OpContext& ctx, const std::string& act_id, const std::string& bytes) {
  auto answer = ctx.graph.post(act_id + "/adimages", {{"bytes", crypto::base64_encode(bytes)}}, graph::Idempotent::Yes);
  if (!answer) return std::unexpected(answer.error());
  // One entry under "images", with its hash and url.
  const auto images = answer->is_object() ? answer->find("images") : answer->end();
  if (images == answer->end() || !images->is_object() || images->empty() || !images->begin()->is_object()) {
    return core::fail(core::ErrorKind::GraphApi, act_id + "/adimages answered without an images entry",
                      "list_images shows whether the image arrived");
  }
  const auto& entry = *images->begin();
  if (!entry.contains("hash") || !entry["hash"].is_string()) {
    return core::fail(core::ErrorKind::GraphApi, act_id + "/adimages answered an image without a hash",
                      "list_images shows whether the image arrived");
  }
  UploadedImage uploaded{entry["hash"].get<std::string>(), {}};
  if (entry.contains("url") && entry["url"].is_string()) uploaded.url = entry["url"].get<std::string>();
  return uploaded;
}

}  // namespace fbmcp::ops
