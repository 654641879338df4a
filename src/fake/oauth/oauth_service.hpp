// The emulator's Facebook Login (graph-api-facts.md §7): the OAuth dialog's redirect, /oauth/access_token (code and
// fb_exchange_token grants), /debug_token, DELETE /me/permissions, and — with strict tokens — refusing unknown,
// expired and revoked tokens as Graph does. Tokens are kept by their SHA-256 only, never as issued.
#pragma once
#include <cstdint>
#include <expected>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "fake/graph_error.hpp"
#include "fake/write_context.hpp"

namespace fbmcp::fake {

struct OAuthApp {
  std::string id = "700000000000001";
  std::string name = "facebook-mcp (fake)";
  std::string secret = "fake-app-secret";
};

class OAuthService {
 public:
  explicit OAuthService(OAuthApp app = {}) : app_(std::move(app)) {}
  const OAuthApp& app() const { return app_; }
  void set_secret(std::string secret) { app_.secret = std::move(secret); }

  // GET /dialog/oauth: consent is given at once for `user_id` — the emulator picks it: fake_user=<id> names which
  // fixture person logs in, as a person chooses their Facebook account in the browser — (or refused when
  // fake_consent=deny), and the answer is
  // where the browser goes next: redirect_uri?code=…&state=…, or ?error=access_denied&… . An error when the request
  // cannot be redirected at all (no client_id of this app, no http(s) redirect_uri).
  std::expected<std::string, GraphError> dialog(const ParamMap& params, const std::string& user_id, int64_t now);

  // GET|POST /oauth/access_token.
  std::expected<nlohmann::json, GraphError> access_token(const ParamMap& params, const std::string& default_user,
                                                         int64_t now);

  // GET /debug_token?input_token=…
  nlohmann::json debug_token(const ParamMap& params, const std::string& default_user, int64_t now) const;

  // DELETE /me/permissions with the calling token: the app is removed for its user, every token of theirs stops.
  std::expected<nlohmann::json, GraphError> revoke(const std::string& access_token, const std::string& default_user);

  // The user a token the emulator issued belongs to; "" for any other token (it stands for the fixtures' user).
  std::string user_of(const std::string& access_token) const;

  // With strict tokens: Graph's error for a token that is unknown, expired or revoked; nullopt when it is good.
  std::optional<GraphError> check_token(const std::string& access_token, int64_t now) const;

 private:
  struct Grant {
    std::string user_id;
    std::vector<std::string> scopes;
    int64_t issued_at = 0;
    int64_t expires_at = 0;  // 0: never (system users)
    bool long_lived = false;
  };
  struct Code {
    std::string redirect_uri;
    std::string user_id;
    std::vector<std::string> scopes;
    bool used = false;
  };

  std::expected<void, GraphError> check_client(const ParamMap& params) const;
  std::expected<nlohmann::json, GraphError> exchange_code(const ParamMap& params, int64_t now);
  std::expected<nlohmann::json, GraphError> extend(const ParamMap& params, const std::string& default_user,
                                                   int64_t now);
  nlohmann::json issue(Grant grant);
  // The app's own token (client_credentials grant); "<app_id>|<app_secret>" is accepted as well (§7).
  std::string app_token() const;
  const Grant* find(const std::string& token) const;
  bool revoked_user(const std::string& user_id) const;

  OAuthApp app_;
  std::map<std::string, Grant> tokens_;  // by SHA-256 of the token
  std::map<std::string, Code> codes_;
  std::vector<std::string> revoked_users_;
  uint64_t counter_ = 0;
};

}  // namespace fbmcp::fake
