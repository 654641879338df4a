// The page ops (issue 13), one file each; register_page_ops registers them all.
#pragma once
#include "tool/op_registry.hpp"

namespace fbmcp::ops {

void register_list_pages_op(tool::OpRegistry& registry);
void register_client_page_ops(tool::OpRegistry& registry);
void register_page_insights_op(tool::OpRegistry& registry);
void register_list_page_posts_op(tool::OpRegistry& registry);

}  // namespace fbmcp::ops
