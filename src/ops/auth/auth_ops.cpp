#include "ops/auth/auth_ops.hpp"

#include "ops/all_ops.hpp"

namespace fbmcp::ops {

void register_auth_ops(tool::OpRegistry& registry) {
  register_auth_status_op(registry);
  register_login_url_op(registry);
  register_exchange_code_op(registry);
  register_extend_token_op(registry);
  register_verify_token_op(registry);
  register_list_tokens_op(registry);
  register_use_token_op(registry);
  register_disconnect_op(registry);
}

}  // namespace fbmcp::ops
