#include "fake/oauth/oauth_service.hpp"

#include <algorithm>
#include <chrono>
#include <ctime>

#include "crypto/digest.hpp"
#include "graph/form_encoding.hpp"

namespace fbmcp::fake {
namespace {

// Lifetimes (FBD/facebook-login/guides/access-tokens/get-long-lived; graph-api-facts.md §7): a token from the
// login dialog lasts "about an hour or two"; a long-lived one 60 days, answered as expires_in 5183944.
constexpr int64_t kShortLived = 2 * 60 * 60;
constexpr int64_t kLongLived = 5183944;

std::vector<std::string> split_scopes(const std::string& text) {
  std::vector<std::string> scopes;
  size_t start = 0;
  while (start <= text.size()) {
    const auto comma = text.find_first_of(", ", start);
    const auto part = text.substr(start, comma == std::string::npos ? std::string::npos : comma - start);
    if (!part.empty() && std::find(scopes.begin(), scopes.end(), part) == scopes.end()) scopes.push_back(part);
    if (comma == std::string::npos) break;
    start = comma + 1;
  }
  return scopes;
}

GraphError oauth_error(int code, int subcode, std::string message) {
  GraphError e;
  e.code = code;
  e.error_subcode = subcode;
  e.message = std::move(message);
  return e;
}

std::string param_or_empty(const ParamMap& params, const char* key) { return param(params, key).value_or(""); }

// Graph writes the times of an expired session in Pacific time, e.g. "Session has expired on Sunday, 25-Dec-16
// 04:45:57 PST. The current time is Thursday, 05-Jan-17 03:13:18 PST." (observed answers quoted in
// github.com/blynkkk/blynk-server/issues/435 and github.com/staciax/valorant-discord-bot/issues/105, both code 190,
// error_subcode 463). US daylight time: from the second Sunday of March, 02:00 PST (10:00 UTC), to the first Sunday
// of November, 02:00 PDT (09:00 UTC).
// The Unix time of the n-th Sunday (1-based) of month m of year y, at `utc_hour`.
int64_t oauth_nth_sunday(int y, unsigned m, unsigned n, int utc_hour) {
  using namespace std::chrono;
  const sys_days day{year{y} / month{m} / Sunday[n]};
  return static_cast<int64_t>(day.time_since_epoch().count()) * 86400 + utc_hour * 3600;
}

std::string oauth_pacific_time(int64_t unix_seconds) {
  const std::time_t as_utc = static_cast<std::time_t>(unix_seconds);
  std::tm utc{};
  gmtime_r(&as_utc, &utc);
  const int year = utc.tm_year + 1900;
  const bool daylight = unix_seconds >= oauth_nth_sunday(year, 3, 2, 10) && unix_seconds < oauth_nth_sunday(year, 11, 1, 9);
  const std::time_t local = static_cast<std::time_t>(unix_seconds - (daylight ? 7 : 8) * 3600);
  std::tm pacific{};
  gmtime_r(&local, &pacific);
  char text[64];
  std::strftime(text, sizeof text, "%A, %d-%b-%y %H:%M:%S", &pacific);
  return std::string(text) + (daylight ? " PDT" : " PST");
}

}  // namespace

std::expected<std::string, GraphError> OAuthService::dialog(const ParamMap& params, const std::string& user_id,
                                                           int64_t now) {
  if (param_or_empty(params, "client_id") != app_.id) {
    return std::unexpected(oauth_error(101, 0, "Error validating application. Invalid application ID."));
  }
  const std::string redirect = param_or_empty(params, "redirect_uri");
  if (redirect.rfind("http://", 0) != 0 && redirect.rfind("https://", 0) != 0) {
    return std::unexpected(invalid_param("redirect_uri", "redirect_uri must be an absolute http(s) URL"));
  }
  const std::string joiner = redirect.find('?') == std::string::npos ? "?" : "&";
  const std::string state = param_or_empty(params, "state");
  std::vector<std::pair<std::string, std::string>> query;
  if (param_or_empty(params, "fake_consent") == "deny") {
    // The dialog's answer when the person declines (FBD/facebook-login/guides/advanced/manual-flow, "Canceled Login").
    query = {{"error_reason", "user_denied"}, {"error", "access_denied"}, {"error_description", "Permissions error"}};
  } else {
    const std::string code = "AQ" + crypto::sha256_hex(app_.secret + ":code:" + std::to_string(++counter_) + ":" +
                                                       std::to_string(now));
    codes_[code] = Code{redirect, user_id, split_scopes(param_or_empty(params, "scope")), false};
    query = {{"code", code}};
  }
  if (!state.empty()) query.emplace_back("state", state);
  return redirect + joiner + graph::form_encode(query);
}

std::expected<void, GraphError> OAuthService::check_client(const ParamMap& params) const {
  // {"message":"Error validating application. Invalid application ID.","type":"OAuthException","code":101} as Graph
  // answered it (diowa/icare issue #5).
  if (param_or_empty(params, "client_id") != app_.id) {
    return std::unexpected(oauth_error(101, 0, "Error validating application. Invalid application ID."));
  }
  // {"message":"Error validating client secret.","type":"OAuthException","code":1} as Graph answered it
  // (facebookarchive/php-graph-sdk issue #538).
  if (param_or_empty(params, "client_secret") != app_.secret) {
    return std::unexpected(oauth_error(1, 0, "Error validating client secret."));
  }
  return {};
}

std::expected<nlohmann::json, GraphError> OAuthService::access_token(const ParamMap& params,
                                                                     const std::string& default_user, int64_t now) {
  if (auto client = check_client(params); !client) return std::unexpected(client.error());
  const std::string grant = param_or_empty(params, "grant_type");
  if (grant == "fb_exchange_token") return extend(params, default_user, now);
  if (grant == "client_credentials") {
    // An app token is "<app_id>|<app_secret>"-shaped (graph-api-facts.md §7); it is not kept as a user grant.
    return nlohmann::json{{"access_token", app_token()}, {"token_type", "bearer"}};
  }
  if (!params.count("code")) return std::unexpected(missing_param("code"));
  return exchange_code(params, now);
}

std::expected<nlohmann::json, GraphError> OAuthService::exchange_code(const ParamMap& params, int64_t now) {
  const auto found = codes_.find(param_or_empty(params, "code"));
  if (found == codes_.end()) {
    // Graph's wording for a code it cannot read (ciaranj/node-oauth issue #12); the code is 100 as for the other
    // verification-code errors, no subcode is documented for it.
    return std::unexpected(oauth_error(100, 0, "Invalid verification code format."));
  }
  Code& code = found->second;
  if (code.redirect_uri != param_or_empty(params, "redirect_uri")) {
    // Code 100, no subcode (scribejava issue #605 quotes Graph's answer).
    return std::unexpected(oauth_error(100, 0,
                                       "Error validating verification code. Please make sure your redirect_uri is "
                                       "identical to the one you used in the OAuth dialog request"));
  }
  if (code.used) {
    // Code 100, subcode 36009 (Graph's answer quoted in akeeba/sociallogin issue #102).
    return std::unexpected(oauth_error(100, 36009, "This authorization code has been used."));
  }
  code.used = true;
  return issue(Grant{code.user_id, code.scopes, now, now + kShortLived, false});
}

std::expected<nlohmann::json, GraphError> OAuthService::extend(const ParamMap& params,
                                                               const std::string& default_user, int64_t now) {
  if (!params.count("fb_exchange_token")) return std::unexpected(missing_param("fb_exchange_token"));
  const std::string short_token = param_or_empty(params, "fb_exchange_token");
  Grant grant{default_user, {"ads_management", "ads_read", "business_management", "pages_show_list"}, now, 0, true};
  if (const Grant* known = find(short_token)) {
    // An expired or revoked token cannot be exchanged (FBD/facebook-login/guides/access-tokens/get-long-lived).
    if (auto refused = check_token(short_token, now)) return std::unexpected(*refused);
    grant.user_id = known->user_id;
    grant.scopes = known->scopes;
  }
  // A token the emulator did not issue (the environment's, in tests) stands for the fixture user.
  grant.expires_at = now + kLongLived;
  return issue(std::move(grant));
}

nlohmann::json OAuthService::issue(Grant grant) {
  const std::string token = "EAAG" + crypto::sha256_hex(app_.secret + ":token:" + std::to_string(++counter_) + ":" +
                                                        std::to_string(grant.issued_at));
  const int64_t expires_in = grant.expires_at ? grant.expires_at - grant.issued_at : 0;
  tokens_[crypto::sha256_hex(token)] = std::move(grant);
  nlohmann::json answer = {{"access_token", token}, {"token_type", "bearer"}};
  if (expires_in) answer["expires_in"] = expires_in;
  return answer;
}

std::string OAuthService::app_token() const { return app_.id + "|" + crypto::sha256_hex(app_.secret).substr(0, 27); }

const OAuthService::Grant* OAuthService::find(const std::string& token) const {
  const auto found = tokens_.find(crypto::sha256_hex(token));
  return found == tokens_.end() ? nullptr : &found->second;
}

std::string OAuthService::user_of(const std::string& access_token) const {
  const Grant* grant = find(access_token);
  return grant ? grant->user_id : std::string();
}

bool OAuthService::revoked_user(const std::string& user_id) const {
  return std::find(revoked_users_.begin(), revoked_users_.end(), user_id) != revoked_users_.end();
}

nlohmann::json OAuthService::debug_token(const ParamMap& params, const std::string& default_user, int64_t now) const {
  const std::string input = param_or_empty(params, "input_token");
  const Grant* grant = find(input);
  if (!grant) {
    // An unknown token is answered inside data, not as a request error [recall; graph-api-facts.md §7].
    return {{"data", {{"error", {{"code", 190}, {"message", "Invalid OAuth access token."}}},
                      {"is_valid", false},
                      {"scopes", nlohmann::json::array()}}}};
  }
  const bool valid = !check_token(input, now);
  nlohmann::json granular = nlohmann::json::array();
  for (const auto& scope : grant->scopes) granular.push_back({{"scope", scope}});
  nlohmann::json data = {{"app_id", app_.id},
                         {"type", "USER"},
                         {"application", app_.name},
                         {"data_access_expires_at", grant->issued_at + 90 * 24 * 60 * 60},
                         {"expires_at", grant->expires_at},
                         {"is_valid", valid},
                         {"issued_at", grant->issued_at},
                         {"scopes", grant->scopes},
                         {"granular_scopes", granular},
                         {"user_id", grant->user_id.empty() ? default_user : grant->user_id}};
  return {{"data", data}};
}

std::expected<nlohmann::json, GraphError> OAuthService::revoke(const std::string& access_token,
                                                               const std::string& default_user) {
  const Grant* grant = find(access_token);
  const std::string user = grant ? grant->user_id : default_user;
  if (!revoked_user(user)) revoked_users_.push_back(user);
  return nlohmann::json{{"success", true}};
}

std::optional<GraphError> OAuthService::check_token(const std::string& access_token, int64_t now) const {
  // 190 and its subcodes (FBD/graph-api/guides/error-handling, "Access token errors"): 463 expired, 458 the app
  // was removed by the user; a token Graph never issued cannot be parsed.
  if (access_token == app_token() || access_token == app_.id + "|" + app_.secret) return std::nullopt;
  const Grant* grant = find(access_token);
  if (!grant) return oauth_error(190, 0, "Invalid OAuth access token - Cannot parse access token");
  if (revoked_user(grant->user_id)) {
    return oauth_error(190, 458, "Error validating access token: The user has not authorized application " + app_.id +
                                     ".");
  }
  if (grant->expires_at && grant->expires_at <= now) {
    return oauth_error(190, 463, "Error validating access token: Session has expired on " +
                                     oauth_pacific_time(grant->expires_at) + ". The current time is " +
                                     oauth_pacific_time(now) + ".");
  }
  return std::nullopt;
}

}  // namespace fbmcp::fake
