// Creative reads: list_creatives (of an ad account), get_creative.
#include "ops/all_ops.hpp"
#include "ops/common/object_reads.hpp"
#include "ops/creatives/creative_kind.hpp"

namespace fbmcp::ops {

void register_creative_read_ops(tool::OpRegistry& registry) {
  register_read_ops(registry, creative_kind(),
                    "List an ad account's creatives (lean rows: id, name, status, object type, image); cursor paging",
                    "One creative with its story spec (page, link, text, image or video, call to action)",
                    [](const nlohmann::json& args, tool::OpContext& ctx) {
                      return account_scope(ctx, creative_kind(), args["ad_account_id"]);
                    });
}

}  // namespace fbmcp::ops
