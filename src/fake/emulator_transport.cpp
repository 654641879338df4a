#include "fake/emulator_transport.hpp"

namespace fbmcp::fake {

core::Result<graph::HttpResponse> EmulatorTransport::send(const graph::GraphRequest& request) {
  ParamMap params;
  for (const auto& [key, value] : request.params.items()) params[key] = value;
  return emulator_->handle(request.method, request.path, params);
}

}  // namespace fbmcp::fake
