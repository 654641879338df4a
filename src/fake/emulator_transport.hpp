// Fake mode's Transport: hands GraphClient's requests to the in-process GraphEmulator, unchanged in meaning.
#pragma once
#include <memory>

#include "fake/graph_emulator.hpp"
#include "graph/transport.hpp"

namespace fbmcp::fake {

class EmulatorTransport : public graph::Transport {
 public:
  explicit EmulatorTransport(std::shared_ptr<GraphEmulator> emulator) : emulator_(std::move(emulator)) {}
  core::Result<graph::HttpResponse> send(const graph::GraphRequest& request) override;

 private:
  std::shared_ptr<GraphEmulator> emulator_;
};

}  // namespace fbmcp::fake
