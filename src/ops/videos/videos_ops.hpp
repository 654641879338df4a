// The video ops of the creatives family, one file each; register_video_ops (ops/all_ops.hpp) adds them all.
#pragma once
#include "tool/op_registry.hpp"

namespace fbmcp::ops {

void register_upload_video_op(tool::OpRegistry& registry);
void register_get_video_op(tool::OpRegistry& registry);

}  // namespace fbmcp::ops
