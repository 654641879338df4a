#include "ops/journal/journal_ops.hpp"

#include "ops/all_ops.hpp"

namespace fbmcp::ops {

void register_journal_ops(tool::OpRegistry& registry) {
  register_list_changes_op(registry);
  register_undo_change_op(registry);
}

}  // namespace fbmcp::ops
