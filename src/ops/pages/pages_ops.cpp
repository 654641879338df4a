#include "ops/pages/pages_ops.hpp"

#include "ops/all_ops.hpp"

namespace fbmcp::ops {

void register_page_ops(tool::OpRegistry& registry) {
  register_list_pages_op(registry);
  register_client_page_ops(registry);
  register_page_insights_op(registry);
  register_list_page_posts_op(registry);
}

}  // namespace fbmcp::ops
