#include "ops/images/images_ops.hpp"

#include "ops/all_ops.hpp"

namespace fbmcp::ops {

void register_image_ops(tool::OpRegistry& registry) {
  register_upload_image_op(registry);
  register_list_images_op(registry);
}

}  // namespace fbmcp::ops
