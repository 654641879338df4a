// list_tokens: the stored identities — label, status (active/expired/invalid), user, expiry, default, and which one
// this call acts as. Never a token value: the store lists without decrypting.
#include "auth/token_health.hpp"
#include "core/text.hpp"
#include "ops/all_ops.hpp"
#include "ops/auth/auth_ops.hpp"
#include "ops/auth/token_subject.hpp"

namespace fbmcp::ops {
namespace {

using tool::OpContext;
using tool::OpOutput;

nlohmann::json token_row(const store::TokenInfo& info, const std::string& acting_label, int64_t now) {
  nlohmann::json row = {{"label", info.label},
                        {"status", info.status},
                        {"user_id", info.metadata.user_id},
                        {"user_name", info.metadata.user_name},
                        {"scopes", info.metadata.scopes},
                        {"expires", core::utc_day(info.metadata.expires_at, "never")},
                        {"is_default", info.is_default},
                        {"in_use", info.label == acting_label}};
  if (info.metadata.expires_at > 0) row["days_left"] = auth::days_left(info.metadata.expires_at, now);
  return row;
}

core::Result<OpOutput> list_tokens(const nlohmann::json&, OpContext& ctx) {
  auto tokens = token_access(ctx);
  if (!tokens) return std::unexpected(tokens.error());
  auto store = (*tokens)->store(false);
  if (!store) return std::unexpected(store.error());
  std::vector<store::TokenInfo> rows;
  if (*store) {
    auto listed = (*store)->list();
    if (!listed) return std::unexpected(listed.error());
    rows = std::move(*listed);
  }
  const int64_t now = unix_now();
  OpOutput out;
  out.data = {{"items", nlohmann::json::array()}, {"count", rows.size()}};
  size_t failing = 0;
  for (const auto& info : rows) {
    out.data["items"].push_back(token_row(info, ctx.token_label, now));
    if (info.status != "active") ++failing;
  }
  if (rows.empty()) {
    out.summary = "No stored tokens. Store one with login_url then exchange_code (or `facebook-mcp login`).";
    return out;
  }
  out.table_columns = {"label", "status", "user_name", "expires", "is_default", "in_use"};
  out.summary = std::to_string(rows.size()) + " stored token(s)" +
                (failing ? "; " + std::to_string(failing) + " not active (verify_token re-checks, login renews)"
                         : std::string()) +
                ". Act as one with {\"token\": \"<label>\"} on any op, or use_token for the session.";
  return out;
}

}  // namespace

void register_list_tokens_op(tool::OpRegistry& registry) {
  registry.add({"list_tokens", "auth",
                "The stored tokens: label, status, user, expiry, default (never a token value)", tool::Effect::Read,
                true, list_tokens, {}});
}

}  // namespace fbmcp::ops
