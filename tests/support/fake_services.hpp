// Services in fake mode with a fixed clock: what unit, golden and contract tests run against.
#pragma once
#include <memory>

#include "app/services.hpp"
#include "fake/fake_graph_server.hpp"

namespace fbmcp::testing {

inline constexpr const char* kFixedNow = "2026-11-23T12:00:00+0000";

std::unique_ptr<app::Services> fake_services();

// The same fake world served by FakeGraphServer on 127.0.0.1, and Services in LIVE mode pointed at it: the path
// through CurlTransport that real Meta traffic takes.
struct HttpWorld {
  ~HttpWorld();
  std::string data_dir;  // a private temp dir for the local store, removed with the world
  std::shared_ptr<fake::GraphEmulator> emulator;
  std::unique_ptr<fake::FakeGraphServer> server;
  std::unique_ptr<app::Services> services;
};
inline constexpr const char* kCanaryToken = "EAAG-canary-token-0123456789abcdef";
struct HttpWorldOptions {
  std::string app_secret;
  long http_timeout_ms = 60000;
  bool fixed_clock = true;
  // Facebook Login against the server: the emulator's app id and secret as FACEBOOK_APP_ID/SECRET and its dialog as
  // FACEBOOK_OAUTH_DIALOG_URL, so login_url → dialog → exchange_code runs over HTTP (the auth ops' tests).
  bool oauth_app = false;
};
std::unique_ptr<HttpWorld> http_world(const HttpWorldOptions& options = {});
// Runs {op, args} through the router with no confirmation channel (the CLI's situation).
tool::ToolResult call(app::Services& services, const std::string& op, const nlohmann::json& args = nlohmann::json::object());
// As an agent does after the user agreed: calls once for the preview, then again with its confirmation_token as
// "confirm". When the first call needs no confirmation, its result is returned as it is.
tool::ToolResult call_confirmed(app::Services& services, const std::string& op, nlohmann::json args);

}  // namespace fbmcp::testing
