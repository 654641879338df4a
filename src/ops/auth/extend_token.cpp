// extend_token: a long-lived token (about 60 days) for the token the call acts as — a stored label (args.token) or
// the environment's — stored under a label (the same one by default). An expired token cannot be exchanged: Meta
// refuses it, and the answer says to log in again.
#include "ops/all_ops.hpp"
#include "ops/auth/auth_ops.hpp"
#include "ops/auth/token_subject.hpp"

namespace fbmcp::ops {
namespace {

using tool::OpContext;
using tool::OpOutput;

core::Result<OpOutput> extend_token(const nlohmann::json& args, OpContext& ctx) {
  auto subject = token_subject(ctx);
  if (!subject) return std::unexpected(subject.error());
  if (auto has = require_token_value(*subject, "extend_token"); !has) return std::unexpected(has.error());
  auto label = label_arg(args, "label", subject->label.empty() ? std::string("default") : subject->label);
  if (!label) return std::unexpected(label.error());
  if (dry_run_requested(args)) {
    return dry_run_output("exchange the token for a long-lived one stored as '" + *label + "'");
  }
  auto tokens = token_access(ctx);
  if (!tokens) return std::unexpected(tokens.error());
  ctx.report("exchanging the token for a long-lived one");
  auto app_client = (*tokens)->client_for("");
  auto extended = auth::extend_token(*app_client, (*tokens)->login().app, subject->value);
  if (!extended) {
    auto error = extended.error();
    if (error.kind == core::ErrorKind::Unauthenticated) {
      error.hint = "an expired or revoked token cannot be extended: log in again (login_url, then exchange_code)";
    }
    return std::unexpected(error);
  }
  std::string name;
  auto facts = store_issued_token(ctx, *label, *extended, &name);
  if (!facts) return std::unexpected(facts.error());
  const int64_t now = unix_now();
  OpOutput out;
  out.data = token_facts_json(*facts, name, now);
  out.data["label"] = *label;
  out.data["extended_from"] = subject->label.empty() ? subject->source : "stored token '" + subject->label + "'";
  out.summary = "Extended: the token stored as '" + *label + "' " + expiry_phrase(facts->expires_at, now) + ".";
  return out;
}

}  // namespace

void register_extend_token_op(tool::OpRegistry& registry) {
  registry.add({"extend_token", "auth",
                "Exchange the token in use for a long-lived one (about 60 days) and store it under a label",
                tool::Effect::Write, false, extend_token, {},
                /*local_only: stores or picks a token; nothing changes at Meta*/ true});
}

}  // namespace fbmcp::ops
