#include "support/fake_services.hpp"

#include <stdexcept>

namespace fbmcp::testing {

std::unique_ptr<app::Services> fake_services() {
  core::Settings settings;
  settings.mode = core::Mode::Fake;
  settings.fake_clock = kFixedNow;
  auto services = app::make_services(settings);
  if (!services) throw std::runtime_error("fake services: " + services.error().message);
  return std::move(*services);
}

tool::ToolResult call(app::Services& services, const std::string& op, const nlohmann::json& args) {
  return services.router->call({{"op", op}, {"args", args}}, {});
}

}  // namespace fbmcp::testing
