// The accounts family's ops beyond the two reads in ops/accounts.cpp: the account spending limit and account health
// (issue 14). register_account_ops adds them.
#pragma once
#include "tool/op_registry.hpp"

namespace fbmcp::ops {

void register_spending_limit_op(tool::OpRegistry& registry);
void register_account_health_op(tool::OpRegistry& registry);

}  // namespace fbmcp::ops
