#include "ops/auth/token_subject.hpp"

#include <ctime>

#include "auth/token_health.hpp"
#include "core/json_read.hpp"
#include "core/redact.hpp"
#include "core/text.hpp"

namespace fbmcp::ops {

core::Result<auth::TokenAccess*> token_access(tool::OpContext& ctx) {
  if (!ctx.tokens) {
    return core::fail(core::ErrorKind::Internal, "this server was started without its token store (a wiring bug)",
                      "restart facebook-mcp; if it persists, report it");
  }
  return ctx.tokens;
}

core::Result<TokenSubject> token_subject(tool::OpContext& ctx) {
  auto tokens = token_access(ctx);
  if (!tokens) return std::unexpected(tokens.error());
  auto value = (*tokens)->token_value(ctx.token_label);
  if (!value) return std::unexpected(value.error());
  TokenSubject subject{ctx.token_label, std::move(*value), "stored"};
  if (subject.label.empty()) subject.source = auth::to_string((*tokens)->process().source);
  return subject;
}

core::Result<void> require_token_value(const TokenSubject& subject, const std::string& what) {
  if (!subject.value.empty()) return {};
  core::Error error{core::ErrorKind::InvalidArgs,
                    what + " needs a Facebook token, and this call has none: fake mode's built-in user is not a "
                           "login",
                    "name a stored token with args.token (list_tokens shows them), e.g. {\"token\": \"default\"}; "
                    "store one with login_url then exchange_code",
                    "args.token", std::nullopt, nullptr};
  return std::unexpected(error);
}

int64_t unix_now() { return static_cast<int64_t>(std::time(nullptr)); }

std::string expiry_phrase(int64_t expires_at, int64_t now) {
  if (expires_at <= 0) return "never expires";
  const int64_t days = auth::days_left(expires_at, now);
  const std::string day = core::utc_day(expires_at, "");
  if (expires_at <= now) return "expired on " + day;
  return "expires on " + day + " (" + std::to_string(days) + " day" + (days == 1 ? "" : "s") + " left)";
}

nlohmann::json token_facts_json(const auth::TokenFacts& facts, const std::string& user_name, int64_t now) {
  nlohmann::json out = {{"valid", facts.valid},
                        {"user_id", facts.user_id},
                        {"app_id", facts.app_id},
                        {"application", facts.application},
                        {"type", facts.type},
                        {"scopes", facts.scopes},
                        {"expires_at", facts.expires_at},
                        {"expires", core::utc_day(facts.expires_at, "never")}};
  if (!user_name.empty()) out["user_name"] = user_name;
  if (facts.expires_at > 0) out["days_left"] = auth::days_left(facts.expires_at, now);
  if (facts.error_code) {
    out["graph_error"] = {{"code", facts.error_code}, {"subcode", facts.error_subcode},
                          {"message", core::redact(facts.error_message)}};
  }
  return out;
}

std::string user_name_of(graph::GraphClient& client) {
  auto me = client.get("me", {{"fields", "id,name"}});
  return me ? core::string_or_empty(*me, "name") : std::string();
}

core::Result<auth::TokenFacts> store_issued_token(tool::OpContext& ctx, const std::string& label,
                                                  const std::string& token, std::string* user_name) {
  auto tokens = token_access(ctx);
  if (!tokens) return std::unexpected(tokens.error());
  auto app_client = (*tokens)->client_for("");
  auto facts = auth::debug_token(*app_client, (*tokens)->login().app, token);
  if (!facts) return std::unexpected(facts.error());
  auto user_client = (*tokens)->client_for(token);
  *user_name = user_name_of(*user_client);
  auto store = (*tokens)->store(true);
  if (!store) return std::unexpected(store.error());
  if (auto stored = (*store)->put(label, token, auth::metadata_of(*facts, *user_name)); !stored) {
    return std::unexpected(stored.error());
  }
  return facts;
}

bool dry_run_requested(const nlohmann::json& args) {
  return core::read_bool(args, "dry_run", "args").value_or(std::nullopt).value_or(false);
}

tool::OpOutput dry_run_output(const std::string& would) {
  tool::OpOutput out;
  out.data = {{"dry_run", true}, {"would", would}};
  out.summary = "Dry run: would " + would + ". Nothing was done; call again without dry_run to do it.";
  return out;
}

core::Result<std::string> label_arg(const nlohmann::json& args, const std::string& field, const std::string& fallback) {
  auto value = core::read_string(args, field, "args");
  if (!value) return std::unexpected(value.error());
  const std::string label = value->value_or(fallback);
  if (!store::valid_label(label)) {
    core::Error e{core::ErrorKind::InvalidArgs,
                  "args." + field + " must be 1-64 letters, digits, '.', '_' or '-'; got '" +
                      label.substr(0, 80) + "'",
                  "e.g. {\"" + field + "\": \"client-b\"}", "args." + field, std::nullopt, nullptr};
    return std::unexpected(e);
  }
  return label;
}

}  // namespace fbmcp::ops
