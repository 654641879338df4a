#include "ops/videos/videos_ops.hpp"

#include "ops/all_ops.hpp"

namespace fbmcp::ops {

void register_video_ops(tool::OpRegistry& registry) {
  register_upload_video_op(registry);
  register_get_video_op(registry);
}

}  // namespace fbmcp::ops
