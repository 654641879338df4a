// The token half of Facebook Login, written once for `facebook-mcp login` and the auth ops (issue 12): a code from
// the dialog → a short-lived token → a long-lived one (grant_type=fb_exchange_token), and what /debug_token says
// about a token (graph-api-facts.md §7; FBD/facebook-login/guides/advanced/manual-flow,
// FBD/facebook-login/guides/access-tokens/get-long-lived, FBD/graph-api/reference/debug_token).
#pragma once
#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>

#include "core/error.hpp"
#include "graph/graph_client.hpp"
#include "store/token_store.hpp"

namespace fbmcp::auth {

// Enough to manage ads, read pages and Instagram (graph-api-facts.md §7, "Permissions to request"): what `login`
// and login_url ask for unless told otherwise.
inline constexpr const char* kDefaultLoginScopes =
    "ads_management,ads_read,business_management,pages_show_list,pages_read_engagement,instagram_basic,"
    "instagram_manage_insights";

// The Meta app tokens are issued for (FACEBOOK_APP_ID / FACEBOOK_APP_SECRET; in fake mode the emulator's app).
struct AppCredentials {
  std::string app_id;
  std::string app_secret;
  bool complete() const { return !app_id.empty() && !app_secret.empty(); }
  // "<app_id>|<app_secret>" (graph-api-facts.md §7), registered with the redactor before it is returned.
  std::string app_token() const;
};

// An error that says which settings are missing for `what` ("exchanging a code").
core::Error missing_app_credentials(const std::string& what);

// `app_client` sends no user token: the exchange authenticates with the app's client_secret.
core::Result<std::string> exchange_code(graph::GraphClient& app_client, const AppCredentials& app,
                                        const std::string& redirect_uri, const std::string& code);
// A long-lived (about 60 days) token for `token`; an expired token cannot be exchanged (Graph says so with 190).
core::Result<std::string> extend_token(graph::GraphClient& app_client, const AppCredentials& app,
                                       const std::string& token);

// /debug_token's answer, read through checked accessors.
struct TokenFacts {
  bool valid = false;
  std::string user_id;
  std::string app_id;
  std::string application;
  std::string type;
  nlohmann::json scopes = nlohmann::json::array();
  int64_t expires_at = 0;  // 0 = never (system users) or not said
  int64_t data_access_expires_at = 0;
  int error_code = 0;      // data.error when Graph could not read the token
  int error_subcode = 0;
  std::string error_message;
};

// With the app token when the app is known, else the token itself (Meta accepts an app developer's own token as
// access_token for debug_token).
core::Result<TokenFacts> debug_token(graph::GraphClient& app_client, const AppCredentials& app,
                                     const std::string& token);

store::TokenMetadata metadata_of(const TokenFacts& facts, std::string user_name);

}  // namespace fbmcp::auth
