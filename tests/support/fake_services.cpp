#include "support/fake_services.hpp"

#include <stdlib.h>

#include <filesystem>
#include <stdexcept>

#include "core/log.hpp"
#include "core/redact.hpp"

namespace fbmcp::testing {

std::unique_ptr<app::Services> fake_services() {
  core::set_stderr_level(core::LogLevel::Warning);  // keep test output to what matters
  core::Settings settings;
  settings.mode = core::Mode::Fake;
  settings.fake_clock = kFixedNow;
  auto services = app::make_services(settings);
  if (!services) throw std::runtime_error("fake services: " + services.error().message);
  return std::move(*services);
}

HttpWorld::~HttpWorld() {
  services.reset();  // closes pooled connections before the server stops
  server.reset();
  std::error_code ignored;
  if (!data_dir.empty()) std::filesystem::remove_all(data_dir, ignored);
}

std::unique_ptr<HttpWorld> http_world(const HttpWorldOptions& options) {
  core::Settings fake_settings;
  fake_settings.mode = core::Mode::Fake;
  if (options.fixed_clock) fake_settings.fake_clock = kFixedNow;
  auto world = std::make_unique<HttpWorld>();
  auto emulator = app::make_emulator(fake_settings);
  if (!emulator) throw std::runtime_error("emulator: " + emulator.error().message);
  world->emulator = *emulator;
  world->server = std::make_unique<fake::FakeGraphServer>(world->emulator);
  if (!options.app_secret.empty()) world->server->require_appsecret_proof(options.app_secret);
  auto port = world->server->start(0);
  if (!port) throw std::runtime_error("fake graph server: " + port.error().message);
  core::Settings live;
  live.mode = core::Mode::Live;
  live.graph_url = world->server->base_url();
  live.access_token = kCanaryToken;
  live.app_secret = options.app_secret;
  if (options.oauth_app) {
    live.app_id = world->emulator->oauth_app().id;
    live.app_secret = world->emulator->oauth_app().secret;
    live.oauth_dialog_url = world->server->base_url() + "/dialog/oauth";
  }
  live.http_timeout_ms = options.http_timeout_ms;
  // The journal dates its rows by this clock, so list_changes reads the same over HTTP as in fake mode.
  if (options.fixed_clock) live.fake_clock = kFixedNow;
  char dir[] = "/tmp/fbmcp-test-XXXXXX";
  if (!::mkdtemp(dir)) throw std::runtime_error("mkdtemp failed");
  world->data_dir = live.data_dir = dir;
  core::register_secret(live.access_token);
  core::register_secret(live.app_secret);
  auto services = app::make_services(live);
  if (!services) throw std::runtime_error("live services: " + services.error().message);
  world->services = std::move(*services);
  return world;
}

tool::ToolResult call(app::Services& services, const std::string& op, const nlohmann::json& args) {
  return services.router->call({{"op", op}, {"args", args}}, {});
}

tool::ToolResult call_confirmed(app::Services& services, const std::string& op, nlohmann::json args) {
  auto preview = call(services, op, args);
  const auto& data = preview.structured.value("data", nlohmann::json::object());
  if (!data.is_object() || !data.contains("confirmation_token")) return preview;
  args["confirm"] = data["confirmation_token"];
  return call(services, op, args);
}

}  // namespace fbmcp::testing
