// An MCP server wired to an in-memory outbox instead of stdout, over the fake world: unit tests speak to it line by
// line and wait for answers by id.
#pragma once
#include <chrono>
#include <condition_variable>
#include <memory>
#include <mutex>
#include <nlohmann/json.hpp>
#include <vector>

#include "mcp/server.hpp"
#include "support/fake_services.hpp"

namespace fbmcp::testing {

using nlohmann::json;

// A server wired to an in-memory outbox instead of stdout.
struct Harness {
  std::unique_ptr<app::Services> services = testing::fake_services();
  std::mutex mutex;
  std::condition_variable arrived;
  std::vector<json> outbox;
  mcp::Server server{*services->router, mcp::PromptLibrary::load_embedded(),
                     {"facebook-mcp", "t", "0", app::mode_line(services->settings), true},
                     [this](const json& m) {
                       std::lock_guard lock(mutex);
                       outbox.push_back(m);
                       arrived.notify_all();
                     }};

  // Most tests start from an initialized session, as every host does (the lifecycle test starts without).
  explicit Harness(bool initialize = true) {
    if (!initialize) return;
    request("init", "initialize", {{"protocolVersion", "2025-11-25"}, {"capabilities", json::object()}});
    std::lock_guard lock(mutex);
    outbox.clear();
  }

  json request(const json& id, const std::string& method, const json& params = json::object()) {
    server.handle_line(json{{"jsonrpc", "2.0"}, {"id", id}, {"method", method}, {"params", params}}.dump());
    return wait_for(id);
  }
  json wait_for(const json& id) {
    std::unique_lock lock(mutex);
    json found;
    arrived.wait_for(lock, std::chrono::seconds(20), [&] {
      for (const auto& m : outbox) {
        if (m.contains("id") && m["id"] == id && (m.contains("result") || m.contains("error"))) {
          found = m;
          return true;
        }
      }
      return false;
    });
    return found;
  }
  size_t count() {
    std::lock_guard lock(mutex);
    return outbox.size();
  }
};


}  // namespace fbmcp::testing
