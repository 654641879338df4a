// Fake mode's Transport: hands GraphClient's requests to the in-process GraphEmulator, unchanged in meaning.
#pragma once
#include <memory>

#include "fake/graph_emulator.hpp"
#include "graph/transport.hpp"

namespace fbmcp::fake {

class EmulatorTransport : public graph::Transport {
 public:
  // `access_token` is sent with every request, as CurlTransport sends its token: a stored token fake mode acts as
  // (issue 12). Empty = none, fake mode's fixture user.
  explicit EmulatorTransport(std::shared_ptr<GraphEmulator> emulator, std::string access_token = {})
      : emulator_(std::move(emulator)), access_token_(std::move(access_token)) {}
  core::Result<graph::HttpResponse> send(const graph::GraphRequest& request) override;

 private:
  std::shared_ptr<GraphEmulator> emulator_;
  std::string access_token_;
};

}  // namespace fbmcp::fake
