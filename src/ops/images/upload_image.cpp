// upload_image: the bytes from a file, a URL or base64 (ops/images/image_source.hpp), checked to be an image, then
// POST /act_<id>/adimages (ops/images/ad_image_request.hpp). The hash is the MD5 of the bytes, so uploading the same
// image twice gives the same hash and the same image: the op is idempotent by content.
#include "media/image_hash.hpp"
#include "ops/all_ops.hpp"
#include "ops/images/ad_image_request.hpp"
#include "ops/images/image_source.hpp"
#include "ops/images/images_ops.hpp"
#include "tool/op_context.hpp"

namespace fbmcp::ops {
namespace {

using tool::OpContext;
using tool::OpOutput;

std::string image_size_text(size_t bytes) {
  if (bytes < 10 * 1024) return std::to_string(bytes) + " bytes";
  if (bytes < 10 * 1024 * 1024) return std::to_string(bytes / 1024) + " KB";
  return std::to_string(bytes / (1024 * 1024)) + " MB";
}

core::Result<OpOutput> upload_image(const nlohmann::json& args, OpContext& ctx) {
  auto act_id = tool::normalize_account_id(args["ad_account_id"].get<std::string>());
  if (!act_id) return std::unexpected(act_id.error());
  auto upload = read_image_source(args);
  if (!upload) return std::unexpected(upload.error());
  // The account is checked before up to 40 MB of base64 goes out.
  auto account = ctx.accounts.get(*act_id);
  if (!account) return std::unexpected(account.error());

  const std::string hash = media::image_hash(upload->bytes);
  const std::string type(media::type_name(upload->info.type));
  const std::string dims = std::to_string(upload->info.width) + "x" + std::to_string(upload->info.height);
  const std::string label = upload->source_name.empty() ? "the image" : "'" + upload->source_name + "'";
  nlohmann::json image = {{"hash", hash},
                          {"width", upload->info.width},
                          {"height", upload->info.height},
                          {"type", type},
                          {"size_bytes", upload->bytes.size()},
                          {"source", upload->source}};
  if (!upload->source_name.empty()) image["source_name"] = upload->source_name;

  OpOutput out;
  if (args.value("dry_run", false)) {
    out.data = {{"dry_run", true}, {"ad_account_id", *act_id}, {"image", image}};
    out.summary = "Dry run: " + label + " is a " + dims + " " + type + " (" + image_size_text(upload->bytes.size()) +
                  "); uploading it to " + *act_id + " would give image hash " + hash + ". Nothing was uploaded.";
    return out;
  }

  ctx.report("uploading " + image_size_text(upload->bytes.size()) + " " + type);
  auto uploaded = send_ad_image(ctx, *act_id, upload->bytes);
  if (!uploaded) return std::unexpected(uploaded.error());
  const std::string graph_hash = uploaded->hash;
  if (graph_hash != hash) {
    out.warnings.push_back("Graph's hash " + graph_hash + " differs from the MD5 of the bytes (" + hash +
                           "); use Graph's hash");
  }
  image["hash"] = graph_hash;
  if (!uploaded->url.empty()) image["url"] = uploaded->url;
  out.data = {{"ad_account_id", *act_id}, {"image", image}};
  // An image is known by its hash (Graph's /adimages has no id of its own in the answer's key).
  out.change = store::ChangeSet{{store::ChangeItem{"image", graph_hash, *act_id, "create",
                                                   {{"hash", {{"before", nullptr}, {"after", graph_hash}}}}}},
                                {graph_hash}};
  out.summary = "Uploaded " + label + " (" + dims + " " + type + ", " + image_size_text(upload->bytes.size()) + ") to " +
                account->name + " (" + *act_id + "): image hash " + graph_hash +
                ". Use it as image_hash in a creative; the same bytes always give the same hash.";
  return out;
}

}  // namespace

void register_upload_image_op(tool::OpRegistry& registry) {
  registry.add({"upload_image", "creatives",
                "Upload an ad image (JPEG, PNG, GIF, WebP, BMP, TIFF; checked by content) from a file, an http(s) "
                "URL or base64; returns its hash, URL and size",
                tool::Effect::Write, true, upload_image, {}});
}

}  // namespace fbmcp::ops
