// The audiences family's ops; register_audience_ops (ops/all_ops.hpp) adds them all.
#pragma once
#include "tool/op_registry.hpp"

namespace fbmcp::ops {

void register_audience_read_ops(tool::OpRegistry& registry);        // list_audiences, get_audience
void register_audience_create_ops(tool::OpRegistry& registry);      // create_custom_audience, create_lookalike_audience
void register_audience_user_ops(tool::OpRegistry& registry);        // add_/remove_/replace_audience_users
void register_audience_manage_ops(tool::OpRegistry& registry);      // share_audience, delete_audience
void register_audience_overlap_op(tool::OpRegistry& registry);      // audience_overlap
void register_saved_audience_ops(tool::OpRegistry& registry);       // list_saved_audiences, create_saved_audience

}  // namespace fbmcp::ops
