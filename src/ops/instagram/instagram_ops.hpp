// The Instagram ops (issue 13), one file each; register_instagram_ops registers them all.
#pragma once
#include "tool/op_registry.hpp"

namespace fbmcp::ops {

void register_instagram_profile_op(tool::OpRegistry& registry);
void register_instagram_media_op(tool::OpRegistry& registry);
void register_instagram_post_op(tool::OpRegistry& registry);
void register_instagram_insights_op(tool::OpRegistry& registry);

}  // namespace fbmcp::ops
