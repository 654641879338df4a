#include "auth/oauth_exchange.hpp"

#include "core/json_read.hpp"
#include "core/redact.hpp"

namespace fbmcp::auth {
namespace {

// The access_token of an /oauth/access_token answer, registered with the redactor before anyone can print it.
core::Result<std::string> issued_token(const core::Result<nlohmann::json>& answer, const std::string& step) {
  if (!answer) return std::unexpected(answer.error());
  auto token = core::read_string(*answer, "access_token", "oauth/access_token");
  if (!token) return std::unexpected(token.error());
  if (!token->has_value() || (*token)->empty()) {
    return core::fail(core::ErrorKind::GraphApi, "Graph answered " + step + " without an access_token",
                      "try again; if it keeps happening, start over with login_url");
  }
  core::register_secret(**token);
  return std::move(**token);
}

int64_t int_or_zero(const nlohmann::json& object, std::string_view key) {
  auto value = core::read_int(object, key, "debug_token.data");
  return value && value->has_value() ? **value : 0;
}

}  // namespace

std::string AppCredentials::app_token() const {
  std::string token = app_id + "|" + app_secret;
  core::register_secret(token);
  return token;
}

core::Error missing_app_credentials(const std::string& what) {
  return core::Error{core::ErrorKind::InvalidArgs,
                     what + " needs the Meta app's id and secret: FACEBOOK_APP_ID and FACEBOOK_APP_SECRET are not "
                            "both set",
                     "set both in the server's environment (developers.facebook.com/apps → your app → Settings → "
                     "Basic), then restart it",
                     {}, std::nullopt, nullptr};
}

core::Result<std::string> exchange_code(graph::GraphClient& app_client, const AppCredentials& app,
                                        const std::string& redirect_uri, const std::string& code) {
  if (!app.complete()) return std::unexpected(missing_app_credentials("exchanging a code"));
  // GET /oauth/access_token?client_id&redirect_uri&client_secret&code (manual-flow, "Exchanging Code").
  auto answer = app_client.get("oauth/access_token", {{"client_id", app.app_id},
                                                      {"redirect_uri", redirect_uri},
                                                      {"client_secret", app.app_secret},
                                                      {"code", code}});
  return issued_token(answer, "the code exchange");
}

core::Result<std::string> extend_token(graph::GraphClient& app_client, const AppCredentials& app,
                                       const std::string& token) {
  if (!app.complete()) return std::unexpected(missing_app_credentials("extending a token"));
  // grant_type=fb_exchange_token (FBD/facebook-login/guides/access-tokens/get-long-lived).
  auto answer = app_client.get("oauth/access_token", {{"grant_type", "fb_exchange_token"},
                                                      {"client_id", app.app_id},
                                                      {"client_secret", app.app_secret},
                                                      {"fb_exchange_token", token}});
  return issued_token(answer, "the long-lived exchange");
}

core::Result<TokenFacts> debug_token(graph::GraphClient& app_client, const AppCredentials& app,
                                     const std::string& token) {
  const std::string caller = app.complete() ? app.app_token() : token;
  auto answer = app_client.get("debug_token", {{"input_token", token}, {"access_token", caller}});
  if (!answer) return std::unexpected(answer.error());
  auto data = core::read_object(*answer, "data", "debug_token");
  if (!data) return std::unexpected(data.error());
  if (!*data) return core::fail(core::ErrorKind::GraphApi, "Graph answered debug_token without data");
  const auto& d = **data;
  TokenFacts facts;
  auto valid = core::read_bool(d, "is_valid", "debug_token.data");
  if (!valid) return std::unexpected(valid.error());
  facts.valid = valid->value_or(false);
  facts.user_id = core::string_or_empty(d, "user_id");
  facts.app_id = core::string_or_empty(d, "app_id");
  facts.application = core::string_or_empty(d, "application");
  facts.type = core::string_or_empty(d, "type");
  if (const auto* scopes = core::find_field(d, "scopes"); scopes && scopes->is_array()) {
    for (const auto& scope : *scopes) {
      if (scope.is_string()) facts.scopes.push_back(scope);
    }
  }
  facts.expires_at = int_or_zero(d, "expires_at");
  facts.data_access_expires_at = int_or_zero(d, "data_access_expires_at");
  // An unreadable token is described inside data.error, not as a request error.
  if (auto error = core::read_object(d, "error", "debug_token.data"); error && *error) {
    facts.error_code = static_cast<int>(int_or_zero(**error, "code"));
    facts.error_subcode = static_cast<int>(int_or_zero(**error, "subcode"));
    facts.error_message = core::string_or_empty(**error, "message");
  }
  return facts;
}

store::TokenMetadata metadata_of(const TokenFacts& facts, std::string user_name) {
  store::TokenMetadata metadata;
  metadata.user_id = facts.user_id;
  metadata.user_name = std::move(user_name);
  metadata.scopes = facts.scopes;
  metadata.expires_at = facts.expires_at;
  return metadata;
}

}  // namespace fbmcp::auth
