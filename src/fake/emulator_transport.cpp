#include "fake/emulator_transport.hpp"

#include "fake/rules/image_rules.hpp"

namespace fbmcp::fake {

core::Result<graph::HttpResponse> EmulatorTransport::send(const graph::GraphRequest& request) {
  ParamMap params;
  if (!access_token_.empty()) params["access_token"] = access_token_;
  for (const auto& [key, value] : request.params.items()) params[key] = value;  // an explicit access_token wins
  // As FakeGraphServer hands the emulator a multipart file part (fake/rules/image_rules.hpp).
  for (const auto& file : request.files) params[std::string(kFilePartPrefix) + file.name] = file.bytes;
  return emulator_->handle(request.method, request.path, params);
}

}  // namespace fbmcp::fake
