// The change journal's ops (issue 14): list_changes reads it, undo_change puts a change back. The journal itself is
// written by the router from the change each write op describes (tool/router_journal.cpp, store/change_journal.hpp).
#pragma once
#include "tool/op_registry.hpp"

namespace fbmcp::ops {

void register_list_changes_op(tool::OpRegistry& registry);
void register_undo_change_op(tool::OpRegistry& registry);

}  // namespace fbmcp::ops
