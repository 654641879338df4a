// The image ops of the creatives family, one file each; register_image_ops (ops/all_ops.hpp) adds them all.
#pragma once
#include "tool/op_registry.hpp"

namespace fbmcp::ops {

void register_upload_image_op(tool::OpRegistry& registry);
void register_list_images_op(tool::OpRegistry& registry);

}  // namespace fbmcp::ops
