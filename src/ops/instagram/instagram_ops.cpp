#include "ops/instagram/instagram_ops.hpp"

#include "ops/all_ops.hpp"

namespace fbmcp::ops {

void register_instagram_ops(tool::OpRegistry& registry) {
  register_instagram_profile_op(registry);
  register_instagram_media_op(registry);
  register_instagram_post_op(registry);
  register_instagram_insights_op(registry);
}

}  // namespace fbmcp::ops
