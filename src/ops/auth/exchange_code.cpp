// exchange_code: finishes a login login_url started. The state must be one login_url issued (within the hour, used
// once); the code is exchanged for a short-lived token, that for a long-lived one (fb_exchange_token), read back with
// debug_token, and stored encrypted under the login's label. The token never appears in the result.
#include "auth/login_states.hpp"
#include "core/json_read.hpp"
#include "ops/all_ops.hpp"
#include "ops/auth/auth_ops.hpp"
#include "ops/auth/token_subject.hpp"

namespace fbmcp::ops {
namespace {

using tool::OpContext;
using tool::OpOutput;

core::Result<auth::PendingLogin> started_login(auth::TokenAccess& tokens, const std::string& state) {
  auto states = tokens.login_states();
  if (!states) return std::unexpected(states.error());
  auto pending = (*states)->take(state, unix_now());
  if (!pending) return std::unexpected(pending.error());
  if (!*pending) {
    return std::unexpected(core::Error{
        core::ErrorKind::InvalidArgs,
        "args.state is not a login this server started in the last hour (or it was used already), so the code is "
        "not trusted: a redirect must answer our own login_url (CSRF protection)",
        "call login_url again, open its url, and pass the state it returned with the new code, e.g. {\"code\": "
        "\"AQ…\", \"state\": \"<state from login_url>\"}",
        "args.state", std::nullopt, nullptr});
  }
  return std::move(**pending);
}

core::Result<OpOutput> exchange_code(const nlohmann::json& args, OpContext& ctx) {
  auto tokens = token_access(ctx);
  if (!tokens) return std::unexpected(tokens.error());
  if (dry_run_requested(args)) {
    return dry_run_output("exchange the code for a long-lived token and store it (the state is kept for the real "
                          "call)");
  }
  // The state first: a code that does not answer our own login is refused whatever else is wrong.
  auto login = started_login(**tokens, args["state"].get<std::string>());  // schema: required string
  if (!login) return std::unexpected(login.error());
  const auto& app = (*tokens)->login().app;
  if (!app.complete()) return std::unexpected(auth::missing_app_credentials("exchange_code"));
  auto label = label_arg(args, "label", login->label);
  if (!label) return std::unexpected(label.error());

  ctx.report("exchanging the code for a token");
  auto app_client = (*tokens)->client_for("");
  auto short_lived = auth::exchange_code(*app_client, app, login->redirect_uri, args["code"].get<std::string>());
  if (!short_lived) return std::unexpected(short_lived.error());
  ctx.report("extending the token to a long-lived one");
  auto long_lived = auth::extend_token(*app_client, app, *short_lived);
  if (!long_lived) return std::unexpected(long_lived.error());
  std::string name;
  auto facts = store_issued_token(ctx, *label, *long_lived, &name);
  if (!facts) return std::unexpected(facts.error());

  const int64_t now = unix_now();
  OpOutput out;
  out.data = token_facts_json(*facts, name, now);
  out.data["label"] = *label;
  out.data["stored"] = true;
  std::string scopes;
  for (const auto& scope : facts->scopes) scopes += (scopes.empty() ? "" : ", ") + scope.get<std::string>();
  out.summary = "Logged in as " + (name.empty() ? facts->user_id : name + " (" + facts->user_id + ")") +
                "; the token is stored encrypted as '" + *label + "' and " + expiry_phrase(facts->expires_at, now) +
                ".\nScopes: " + (scopes.empty() ? std::string("none") : scopes) +
                ". Act as it with {\"token\": \"" + *label + "\"} on any op, or use_token for the session.";
  out.next = nlohmann::json{{"op", "list_ad_accounts"},
                            {"args", {{"token", *label}}},
                            {"why", "see the ad accounts this login reaches"}};
  return out;
}

}  // namespace

void register_exchange_code_op(tool::OpRegistry& registry) {
  registry.add({"exchange_code", "auth",
                "Finish a login: the dialog's code → a long-lived token, stored encrypted under a label",
                tool::Effect::Write, false, exchange_code, {},
                /*local_only: stores or picks a token; nothing changes at Meta*/ true});
}

}  // namespace fbmcp::ops
