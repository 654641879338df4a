// The flow (graph-api-facts.md §7; FBD/facebook-login/guides/advanced/manual-flow): the dialog URL with a random
// `state` is printed (and opened when a browser is at hand); one redirect to a callback server on 127.0.0.1 is
// awaited for at most five minutes, then the server stops whatever happened; the state is checked, the code
// exchanged (GET /oauth/access_token), the token extended (grant_type=fb_exchange_token), read back with
// /debug_token, stored encrypted, and who is logged in is printed. No token ever reaches stdout, stderr or argv.
#include "app/login_command.hpp"

#include <httplib.h>
#include <spawn.h>
#include <sys/wait.h>

#include <chrono>
#include <condition_variable>
#include <ctime>
#include <iostream>
#include <map>
#include <mutex>
#include <optional>
#include <thread>

#include "app/token_access_wiring.hpp"
#include "app/token_store_access.hpp"
#include "auth/oauth_exchange.hpp"
#include "core/json_read.hpp"
#include "core/redact.hpp"
#include "core/text.hpp"
#include "core/settings.hpp"
#include "crypto/digest.hpp"
#include "crypto/hmac.hpp"
#include "graph/curl_transport.hpp"
#include "graph/form_encoding.hpp"
#include "graph/graph_client.hpp"
#include "store/idempotency_store.hpp"

extern char** environ;

namespace fbmcp::app {
namespace {

constexpr const char* kLoginUsage =
    "usage: facebook-mcp login [--label NAME] [--scopes ads_management,ads_read,…] [--timeout SECONDS]\n"
    "  needs FACEBOOK_APP_ID and FACEBOOK_APP_SECRET; FACEBOOK_REDIRECT_URI (http://127.0.0.1:<port>/<path>) when "
    "the app allows only a fixed redirect URI\n";
constexpr int kMaxWaitSeconds = 300;

struct LoginOptions {
  std::string label = "default";
  std::string scopes = auth::kDefaultLoginScopes;
  int timeout_seconds = kMaxWaitSeconds;
};

std::optional<LoginOptions> parse_login(const std::vector<std::string>& args) {
  LoginOptions options;
  for (size_t i = 0; i < args.size(); ++i) {
    const bool has_value = i + 1 < args.size();
    if (args[i] == "--label" && has_value) {
      options.label = args[++i];
    } else if (args[i] == "--scopes" && has_value) {
      options.scopes = args[++i];
    } else if (args[i] == "--timeout" && has_value) {
      try {
        options.timeout_seconds = std::clamp(std::stoi(args[++i]), 1, kMaxWaitSeconds);
      } catch (...) {
        return std::nullopt;
      }
    } else {
      return std::nullopt;
    }
  }
  if (!store::valid_label(options.label)) return std::nullopt;
  return options;
}

// Where the dialog sends the browser back: host and port must be loopback, so nothing but this machine can answer.
struct Callback {
  int port = 0;
  std::string path = "/callback";
};

core::Result<Callback> callback_of(const std::string& redirect_uri) {
  if (redirect_uri.empty()) return Callback{};
  static constexpr std::string_view kPrefix = "http://127.0.0.1:";
  if (redirect_uri.rfind(kPrefix, 0) != 0) {
    return core::fail(core::ErrorKind::InvalidArgs,
                      "FACEBOOK_REDIRECT_URI must be http://127.0.0.1:<port>/<path>, a loopback address only this "
                      "machine can answer",
                      "e.g. FACEBOOK_REDIRECT_URI=http://127.0.0.1:8765/callback (add it to the app's Valid OAuth "
                      "Redirect URIs)");
  }
  const auto rest = redirect_uri.substr(kPrefix.size());
  const auto slash = rest.find('/');
  Callback callback;
  try {
    callback.port = std::stoi(rest.substr(0, slash));
  } catch (...) {
    return core::fail(core::ErrorKind::InvalidArgs, "FACEBOOK_REDIRECT_URI has no port number",
                      "e.g. http://127.0.0.1:8765/callback");
  }
  if (slash != std::string::npos) callback.path = rest.substr(slash);
  return callback;
}

// A one-shot HTTP server on 127.0.0.1 that takes the first request to the callback path and answers the browser.
class LoopbackCallback {
 public:
  core::Result<int> start(const Callback& where) {
    server_.Get(where.path, [this](const httplib::Request& req, httplib::Response& res) {
      std::lock_guard lock(mutex_);
      if (!answer_) {
        std::map<std::string, std::string> query;
        for (const auto& [key, value] : req.params) query.emplace(key, value);
        answer_ = std::move(query);
        arrived_.notify_all();
      }
      const bool ok = answer_->count("code") > 0;
      res.set_content(ok ? "<!doctype html><title>facebook-mcp</title><p>Logged in. You can close this tab and go "
                           "back to the terminal.</p>"
                         : "<!doctype html><title>facebook-mcp</title><p>Login did not finish; the terminal says "
                           "why.</p>",
                      "text/html; charset=UTF-8");
    });
    port_ = where.port == 0 ? server_.bind_to_any_port("127.0.0.1") : (server_.bind_to_port("127.0.0.1", where.port)
                                                                          ? where.port
                                                                          : -1);
    if (port_ <= 0) {
      return core::fail(core::ErrorKind::Network, "cannot listen on 127.0.0.1:" + std::to_string(where.port),
                        "another program uses the port: free it, or set FACEBOOK_REDIRECT_URI to another port");
    }
    thread_ = std::thread([this] { server_.listen_after_bind(); });
    return port_;
  }
  std::optional<std::map<std::string, std::string>> wait(int seconds) {
    std::unique_lock lock(mutex_);
    arrived_.wait_for(lock, std::chrono::seconds(seconds), [this] { return answer_.has_value(); });
    return answer_;
  }
  ~LoopbackCallback() {
    server_.stop();
    if (thread_.joinable()) thread_.join();
  }

 private:
  httplib::Server server_;
  std::thread thread_;
  int port_ = 0;
  std::mutex mutex_;
  std::condition_variable arrived_;
  std::optional<std::map<std::string, std::string>> answer_;
};

// Opens the URL with xdg-open when a desktop is at hand; quietly does nothing otherwise (the URL is printed anyway).
void open_browser(const std::string& url) {
  if (std::getenv("CI") || (!std::getenv("DISPLAY") && !std::getenv("WAYLAND_DISPLAY"))) return;
  pid_t pid = 0;
  std::string program = "xdg-open";
  std::string target = url;
  char* argv[] = {program.data(), target.data(), nullptr};
  if (::posix_spawnp(&pid, "xdg-open", nullptr, nullptr, argv, environ) == 0) ::waitpid(pid, nullptr, WNOHANG);
}

// The dialog's error redirect in plain words (manual-flow: error, error_reason, error_description).
std::string dialog_refusal(const std::map<std::string, std::string>& answer) {
  const auto get = [&](const char* key) { return answer.count(key) ? answer.at(key) : std::string(); };
  if (get("error_reason") == "user_denied" || get("error") == "access_denied") {
    return "you declined on Facebook's dialog, so no token was issued; run login again and choose Continue to allow "
           "the permissions";
  }
  return "Facebook's dialog answered " + get("error") + (get("error_description").empty() ? "" : ": " +
         get("error_description")) + " (a wrong redirect URI? add it to the app's Valid OAuth Redirect URIs)";
}

int refuse(const std::string& message, const std::string& hint = {}) {
  std::cerr << "facebook-mcp login: " << core::redact(message) << "\n";
  if (!hint.empty()) std::cerr << "  " << core::redact(hint) << "\n";
  return 1;
}


graph::GraphClient graph_client(const core::Settings& settings, const std::string& token) {
  return graph::GraphClient(std::make_shared<graph::CurlTransport>(curl_options(settings, token)));
}

}  // namespace

int login_command(const std::vector<std::string>& args) {
  const auto options = parse_login(args);
  if (!options) {
    std::cerr << kLoginUsage;
    return 2;
  }
  const auto settings = core::load_settings(false);
  if (settings.app_id.empty() || settings.app_secret.empty()) {
    return refuse("login needs the Meta app's id and secret: set FACEBOOK_APP_ID and FACEBOOK_APP_SECRET",
                  "both are on the app's dashboard (developers.facebook.com/apps → Settings → Basic)");
  }
  auto where = callback_of(settings.redirect_uri);
  if (!where) return refuse(where.error().message, where.error().hint);
  LoopbackCallback callback;
  auto port = callback.start(*where);
  if (!port) return refuse(port.error().message, port.error().hint);
  const std::string redirect_uri = "http://127.0.0.1:" + std::to_string(*port) + where->path;
  const std::string random = crypto::random_bytes(16);  // OpenSSL's CSPRNG: the state cannot be guessed
  const std::string state = crypto::lower_hex(reinterpret_cast<const unsigned char*>(random.data()), random.size());
  const std::string dialog = settings.oauth_dialog_url.empty()
                                 ? "https://www.facebook.com/" + settings.api_version + "/dialog/oauth"
                                 : settings.oauth_dialog_url;
  const std::string url = dialog + "?" + graph::form_encode({{"client_id", settings.app_id},
                                                             {"redirect_uri", redirect_uri},
                                                             {"state", state},
                                                             {"scope", options->scopes},
                                                             {"response_type", "code"}});
  std::cout << "Open this URL in a browser to log in to Facebook (waiting " << options->timeout_seconds
            << " s for the answer on " << redirect_uri << "):\n"
            << url << "\n"
            << std::flush;
  open_browser(url);

  const auto answer = callback.wait(options->timeout_seconds);
  if (!answer) {
    return refuse("no answer from the browser within " + std::to_string(options->timeout_seconds) + " s",
                  "open the URL above and finish the dialog, then run login again");
  }
  if (!answer->count("state") || answer->at("state") != state) {
    return refuse("the answer's state does not match this login: it did not come from the dialog this command "
                  "opened, so it was ignored");
  }
  if (!answer->count("code")) return refuse(dialog_refusal(*answer));

  // Code → short-lived token → 60-day token, with the app's secret (never with a user token), then who it is, what
  // it may do, until when (auth/oauth_exchange.hpp, shared with the exchange_code op).
  auto app = graph_client(settings, "");
  const auth::AppCredentials credentials{settings.app_id, settings.app_secret};
  auto short_lived = auth::exchange_code(app, credentials, redirect_uri, answer->at("code"));
  if (!short_lived) {
    return refuse("exchanging the code failed: " + short_lived.error().message, short_lived.error().hint);
  }
  auto extended = auth::extend_token(app, credentials, *short_lived);
  if (!extended) return refuse("extending the token failed: " + extended.error().message, extended.error().hint);
  const std::string token = *extended;
  store::TokenMetadata metadata;
  if (auto facts = auth::debug_token(app, credentials, token)) metadata = auth::metadata_of(*facts, "");
  auto user = graph_client(settings, token);
  if (auto me = user.get("me", {{"fields", "id,name"}})) metadata.user_name = core::string_or_empty(*me, "name");
  auto accounts = user.list("me/adaccounts", {{"fields", "id"}}, 500);

  auto opened = open_store(store::default_data_dir());
  if (!opened) return refuse(opened.error().message, opened.error().hint);
  if (auto stored = opened->tokens->put(options->label, token, metadata); !stored) {
    return refuse(stored.error().message, stored.error().hint);
  }
  std::string scopes;
  for (const auto& scope : metadata.scopes) scopes += (scopes.empty() ? "" : ", ") + scope.get<std::string>();
  std::cout << "Logged in as " << (metadata.user_name.empty() ? "?" : metadata.user_name) << " (" << metadata.user_id
            << "); stored encrypted as '" << options->label << "' in " << opened->data_dir << "/tokens.db\n"
            << "  scopes: " << (scopes.empty() ? "unknown" : scopes) << "\n"
            << "  expires: " << core::utc_day(metadata.expires_at, "never") << "\n"
            << "  ad accounts: " << (accounts ? std::to_string(accounts->items.size()) : "could not be listed") << "\n";
  return 0;
}

}  // namespace fbmcp::app
