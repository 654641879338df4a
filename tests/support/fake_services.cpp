#include "support/fake_services.hpp"

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

std::unique_ptr<HttpWorld> http_world(const std::string& app_secret) {
  core::Settings fake_settings;
  fake_settings.mode = core::Mode::Fake;
  fake_settings.fake_clock = kFixedNow;
  auto world = std::make_unique<HttpWorld>();
  auto emulator = app::make_emulator(fake_settings);
  if (!emulator) throw std::runtime_error("emulator: " + emulator.error().message);
  world->emulator = *emulator;
  world->server = std::make_unique<fake::FakeGraphServer>(world->emulator);
  auto port = world->server->start(0);
  if (!port) throw std::runtime_error("fake graph server: " + port.error().message);
  core::Settings live;
  live.mode = core::Mode::Live;
  live.graph_url = world->server->base_url();
  live.access_token = kCanaryToken;
  live.app_secret = app_secret;
  core::register_secret(live.access_token);
  core::register_secret(app_secret);
  auto services = app::make_services(live);
  if (!services) throw std::runtime_error("live services: " + services.error().message);
  world->services = std::move(*services);
  return world;
}

tool::ToolResult call(app::Services& services, const std::string& op, const nlohmann::json& args) {
  return services.router->call({{"op", op}, {"args", args}}, {});
}

}  // namespace fbmcp::testing
