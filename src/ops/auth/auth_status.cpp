// auth_status: who a call acts as and what it may do — where the token comes from (environment, a stored label,
// fake mode), the user, the scopes debug_token reports, the expiry and days left, and the ops those scopes do not
// allow. A stored token's status is brought up to date on the way.
#include "auth/token_health.hpp"
#include "ops/all_ops.hpp"
#include "ops/auth/auth_ops.hpp"
#include "ops/auth/op_permissions.hpp"
#include "ops/auth/token_subject.hpp"

namespace fbmcp::ops {
namespace {

using tool::OpContext;
using tool::OpOutput;

std::string source_phrase(const TokenSubject& subject) {
  if (subject.source == "stored") return "the stored token '" + subject.label + "'";
  if (subject.source == "environment") return "the token in FACEBOOK_ACCESS_TOKEN";
  return "fake mode's built-in user (no token)";
}

OpOutput fake_identity_status(const TokenSubject& subject, OpContext& ctx) {
  OpOutput out;
  const std::string name = user_name_of(ctx.graph);
  out.data = {{"source", subject.source},
              {"user_name", name},
              {"scopes", nullptr},
              {"ops_not_allowed", nlohmann::json::array()},
              {"note", "the emulator lets its built-in user call every op; a stored token (args.token) is checked "
                       "like a real one"}};
  out.summary = "Acting as " + (name.empty() ? std::string("the emulator's user") : name) + " through " +
                source_phrase(subject) + ": every op is allowed. To try a real login flow: login_url, then "
                "exchange_code.";
  return out;
}

core::Result<OpOutput> auth_status(const tool::OpRegistry& registry, OpContext& ctx) {
  auto subject = token_subject(ctx);
  if (!subject) return std::unexpected(subject.error());
  if (subject->value.empty()) return fake_identity_status(*subject, ctx);
  auto tokens = token_access(ctx);
  if (!tokens) return std::unexpected(tokens.error());
  ctx.report("reading the token's facts (debug_token)");
  auto app_client = (*tokens)->client_for("");
  auto facts = auth::debug_token(*app_client, (*tokens)->login().app, subject->value);
  if (!facts) return std::unexpected(facts.error());
  const int64_t now = unix_now();
  const std::string name = facts->valid ? user_name_of(ctx.graph) : std::string();
  const std::string status = auth::status_from_facts(*facts, now);
  if (subject->source == "stored") {
    if (auto store = (*tokens)->store(false); store && *store) (void)(*store)->mark_status(subject->label, status);
  }
  OpOutput out;
  out.data = token_facts_json(*facts, name, now);
  out.data["source"] = subject->source;
  if (!subject->label.empty()) out.data["label"] = subject->label;
  out.data["status"] = status;
  const auto blocked = ops_not_allowed(registry, facts->scopes);
  out.data["ops_not_allowed"] = blocked;
  std::string scopes;
  for (const auto& scope : facts->scopes) scopes += (scopes.empty() ? "" : ", ") + scope.get<std::string>();
  if (!facts->valid) {
    out.summary = "The token in use (" + source_phrase(*subject) + ") is " + status +
                  " for Meta; calls with it will fail. Log in again: login_url then exchange_code" +
                  (subject->label.empty() ? std::string(".") : " with label '" + subject->label + "'.");
    return out;
  }
  out.summary = "Acting as " + (name.empty() ? facts->user_id : name + " (" + facts->user_id + ")") + " through " +
                source_phrase(*subject) + "; " + expiry_phrase(facts->expires_at, now) + ".\nScopes: " +
                (scopes.empty() ? std::string("none") : scopes) + "; " +
                (blocked.empty() ? std::string("every op is allowed.")
                                 : std::to_string(blocked.size()) + " op(s) not allowed (see ops_not_allowed).");
  if (facts->expires_at > 0 && auth::days_left(facts->expires_at, now) < 7) {
    out.warnings.push_back("the token expires within 7 days; renew it with extend_token or log in again");
  }
  return out;
}

}  // namespace

void register_auth_status_op(tool::OpRegistry& registry) {
  const tool::OpRegistry* ops = &registry;  // the registry outlives its handlers
  registry.add({"auth_status", "auth",
                "Which token is in use and from where, its user, scopes, expiry, and the ops its scopes do not allow",
                tool::Effect::Read, true,
                [ops](const nlohmann::json&, OpContext& ctx) { return auth_status(*ops, ctx); }, {}});
}

}  // namespace fbmcp::ops
