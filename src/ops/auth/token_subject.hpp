// What the auth ops share: the token a call acts as (its value, label and where it came from), what debug_token
// says about it in the shape results use, and storing a freshly issued token under a label.
#pragma once
#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>

#include "auth/oauth_exchange.hpp"
#include "auth/token_access.hpp"
#include "core/error.hpp"
#include "tool/op_context.hpp"

namespace fbmcp::ops {

struct TokenSubject {
  std::string label;   // the stored label, "" for the environment's token or fake mode's fixture user
  std::string value;   // "" in fake mode without a stored token
  std::string source;  // "stored" | "environment" | "fake"
};

// The server's identities; an Internal error when the router was built without them (a wiring bug).
core::Result<auth::TokenAccess*> token_access(tool::OpContext& ctx);
core::Result<TokenSubject> token_subject(tool::OpContext& ctx);
// `what` needs a real token: fake mode's fixture user has none (it is not a Facebook login).
core::Result<void> require_token_value(const TokenSubject& subject, const std::string& what);

int64_t unix_now();
// {user_id, user_name?, app_id, application, type, scopes, expires_at, expires (day), days_left} of a token.
nlohmann::json token_facts_json(const auth::TokenFacts& facts, const std::string& user_name, int64_t now);
// "expires on 2027-01-22 (59 days left)" / "never expires".
std::string expiry_phrase(int64_t expires_at, int64_t now);
// GET /me?fields=name with `client`; "" when Graph does not say (the name is a nicety, never a reason to fail).
std::string user_name_of(graph::GraphClient& client);

// Reads debug_token and /me for `token`, then stores it under `label` (a new label becomes the default when it is
// the first). Returns the facts stored.
core::Result<auth::TokenFacts> store_issued_token(tool::OpContext& ctx, const std::string& label,
                                                  const std::string& token, std::string* user_name);

// dry_run on an auth op that writes: what it would do, nothing done (Graph has no validate_only for logins).
bool dry_run_requested(const nlohmann::json& args);
tool::OpOutput dry_run_output(const std::string& would);

// A label argument checked as the store checks it, naming the field, the expected form and an example.
core::Result<std::string> label_arg(const nlohmann::json& args, const std::string& field, const std::string& fallback);

}  // namespace fbmcp::ops
