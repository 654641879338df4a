// login_url: the Facebook Login dialog URL (app id, redirect URI, scopes, a random state) and how to finish. The
// state is kept (auth/login_states.hpp) so exchange_code can tell the redirect answers this request (CSRF;
// FBD/facebook-login/guides/advanced/manual-flow).
#include "auth/login_states.hpp"
#include "crypto/digest.hpp"
#include "crypto/hmac.hpp"
#include "graph/form_encoding.hpp"
#include "core/json_read.hpp"
#include "ops/all_ops.hpp"
#include "ops/auth/auth_ops.hpp"
#include "ops/auth/token_subject.hpp"

namespace fbmcp::ops {
namespace {

using tool::OpContext;
using tool::OpOutput;

// Where Meta sends the browser when no redirect URI of our own is configured: the page desktop apps use, whose
// address bar then holds the code (manual-flow: "If you are using this in a webview within a desktop app, this must
// be set to https://www.facebook.com/connect/login_success.html").
constexpr const char* kLoginSuccessPage = "https://www.facebook.com/connect/login_success.html";

// The schema has checked the list: permission names, at least one.
std::string scopes_arg(const nlohmann::json& args) {
  const auto* scopes = core::find_field(args, "scopes");
  if (!scopes) return std::string(auth::kDefaultLoginScopes);
  std::string joined;
  for (const auto& scope : *scopes) joined += (joined.empty() ? "" : ",") + scope.get<std::string>();
  return joined;
}

core::Result<OpOutput> login_url(const nlohmann::json& args, OpContext& ctx) {
  auto tokens = token_access(ctx);
  if (!tokens) return std::unexpected(tokens.error());
  const auto& login = (*tokens)->login();
  if (!login.app.complete()) return std::unexpected(auth::missing_app_credentials("login_url"));
  auto label = label_arg(args, "label", "default");
  if (!label) return std::unexpected(label.error());
  const auto scopes = scopes_arg(args);
  auto redirect = core::read_string(args, "redirect_uri", "args");
  if (!redirect) return std::unexpected(redirect.error());
  const std::string redirect_uri =
      redirect->value_or(login.redirect_uri.empty() ? std::string(kLoginSuccessPage) : login.redirect_uri);

  const std::string random = crypto::random_bytes(16);  // OpenSSL's CSPRNG: the state cannot be guessed
  const std::string state = crypto::lower_hex(reinterpret_cast<const unsigned char*>(random.data()), random.size());
  auto states = (*tokens)->login_states();
  if (!states) return std::unexpected(states.error());
  if (auto kept = (*states)->remember(state, {*label, redirect_uri, scopes, unix_now()}); !kept) {
    return std::unexpected(kept.error());
  }
  const std::string url = login.dialog_url + "?" + graph::form_encode({{"client_id", login.app.app_id},
                                                                       {"redirect_uri", redirect_uri},
                                                                       {"state", state},
                                                                       {"scope", scopes},
                                                                       {"response_type", "code"}});
  OpOutput out;
  out.data = {{"url", url},
              {"state", state},
              {"redirect_uri", redirect_uri},
              {"scopes", scopes},
              {"label", *label},
              {"valid_for_seconds", auth::kLoginStateSeconds},
              {"how_to_finish",
               nlohmann::json::array(
                   {"open url in a browser and allow the permissions",
                    "Facebook then sends the browser to " + redirect_uri + "?code=…&state=…; copy code and state",
                    "call exchange_code with {code, state}: the token is extended to about 60 days and stored "
                    "encrypted as '" + *label + "'",
                    "or, from a terminal on this machine: facebook-mcp login --label " + *label +
                        " (does all of it through a loopback callback)"})}};
  out.next = nlohmann::json{{"op", "exchange_code"},
                            {"args", {{"code", "<code from the redirect>"}, {"state", state}}},
                            {"why", "after the browser comes back with a code"}};
  out.summary = "Open this URL to log in to Facebook (valid for an hour), then call exchange_code with the code and "
                "state from the redirect:\n" + url;
  return out;
}

}  // namespace

void register_login_url_op(tool::OpRegistry& registry) {
  registry.add({"login_url", "auth", "The Facebook Login dialog URL (with a random state) and how to finish the login",
                tool::Effect::Read, false, login_url, {}});
}

}  // namespace fbmcp::ops
