// The auth family (issue 12), one op per file; register_auth_ops (ops/all_ops.hpp) adds them all. Every auth op
// acts on the identity the router picked for the call (its `token` arg, use_token's session default, or the
// process token), through ctx.tokens.
#pragma once
#include "tool/op_registry.hpp"

namespace fbmcp::ops {

// auth_status lists the ops the token's scopes do not allow, so it reads the registry it is registered in.
void register_auth_status_op(tool::OpRegistry& registry);
void register_login_url_op(tool::OpRegistry& registry);
void register_exchange_code_op(tool::OpRegistry& registry);
void register_extend_token_op(tool::OpRegistry& registry);
void register_verify_token_op(tool::OpRegistry& registry);
void register_list_tokens_op(tool::OpRegistry& registry);
void register_use_token_op(tool::OpRegistry& registry);
void register_disconnect_op(tool::OpRegistry& registry);

}  // namespace fbmcp::ops
