// verify_token: asks Meta (debug_token) whether the token the call acts as still works — valid, user, app, scopes,
// expiry — and records the answer on the stored token (active, expired or invalid), as list_tokens then shows.
#include "auth/token_health.hpp"
#include "ops/all_ops.hpp"
#include "ops/auth/auth_ops.hpp"
#include "ops/auth/token_subject.hpp"

namespace fbmcp::ops {
namespace {

using tool::OpContext;
using tool::OpOutput;

core::Result<OpOutput> verify_token(const nlohmann::json&, OpContext& ctx) {
  auto subject = token_subject(ctx);
  if (!subject) return std::unexpected(subject.error());
  if (auto has = require_token_value(*subject, "verify_token"); !has) return std::unexpected(has.error());
  auto tokens = token_access(ctx);
  if (!tokens) return std::unexpected(tokens.error());
  auto app_client = (*tokens)->client_for("");
  auto facts = auth::debug_token(*app_client, (*tokens)->login().app, subject->value);
  if (!facts) return std::unexpected(facts.error());
  const int64_t now = unix_now();
  const std::string status = auth::status_from_facts(*facts, now);
  std::string name;
  if (facts->valid) {
    auto user_client = (*tokens)->client_for(subject->value);
    name = user_name_of(*user_client);
  }
  OpOutput out;
  out.data = token_facts_json(*facts, name, now);
  out.data["status"] = status;
  out.data["source"] = subject->source;
  if (!subject->label.empty()) {
    out.data["label"] = subject->label;
    auto store = (*tokens)->store(false);
    if (store && *store) {
      if (auto marked = (*store)->mark_status(subject->label, status); !marked) {
        out.warnings.push_back("could not record the status: " + marked.error().message);
      }
    }
  }
  const std::string which =
      subject->label.empty() ? "The " + subject->source + " token" : "Token '" + subject->label + "'";
  if (facts->valid) {
    const std::string who = name.empty() ? facts->user_id : name + " (" + facts->user_id + ")";
    out.summary = which + " is valid: " + who + ", app " + facts->app_id + ", " +
                  std::to_string(facts->scopes.size()) + " scope(s); " + expiry_phrase(facts->expires_at, now) + ".";
  } else {
    out.summary = which + " is " + status + " for Meta" +
                  (facts->error_message.empty() ? std::string() : " (" + facts->error_message + ")") +
                  ". Log in again: login_url then exchange_code.";
  }
  return out;
}

}  // namespace

void register_verify_token_op(tool::OpRegistry& registry) {
  registry.add({"verify_token", "auth",
                "Ask Meta whether the token in use still works (user, app, scopes, expiry); records its status",
                tool::Effect::Read, true, verify_token, {}});
}

}  // namespace fbmcp::ops
