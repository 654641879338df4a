// fake::GraphEmulator — a stateful Graph API in memory (DESIGN §1). It speaks Graph's wire semantics: paths,
// params as strings, JSON bodies, Graph-shaped errors, cursors, batch, usage headers. EmulatorTransport (in-process)
// and FakeGraphServer (HTTP on 127.0.0.1) both call handle().
#pragma once
#include <atomic>
#include <functional>
#include <mutex>
#include <string>

#include "fake/fixtures.hpp"
#include "fake/usage_meter.hpp"
#include "fake/write_context.hpp"
#include "graph/request.hpp"

namespace fbmcp::fake {

struct EmulatorOptions {
  std::string base_url = "https://graph.facebook.com";  // what `paging.next` links point at
  std::string api_version = "v24.0";
  std::function<std::string()> now;  // Graph datetime for created/updated times; default: the system clock, UTC
};

class GraphEmulator {
 public:
  GraphEmulator(World world, EmulatorOptions options = {});

  // `path` may carry a leading "/" and a version ("/v24.0/act_1/campaigns"); both are accepted as Graph does.
  graph::HttpResponse handle(const std::string& method, const std::string& path, const ParamMap& params);

  // For tests and benchmarks: how many objects of a type exist, and how many Graph calls were served (each
  // operation inside a batch counts, as Meta counts them against rate limits).
  size_t count(const std::string& type) const;
  size_t requests_served() const { return requests_.load(); }
  void set_base_url(std::string base_url);

 private:
  graph::HttpResponse handle_locked(const std::string& method, const std::string& path, const ParamMap& params);
  graph::HttpResponse handle_batch(const ParamMap& params);
  graph::HttpResponse respond(int status, const nlohmann::json& body, const std::string& account_id, bool is_write);
  graph::HttpResponse respond_error(const GraphError& error, const std::string& account_id = {});
  std::string account_of(const Node* node) const;

  mutable std::mutex mutex_;
  World world_;
  EmulatorOptions options_;
  UsageMeter usage_;
  std::atomic<size_t> requests_{0};
  size_t trace_counter_ = 0;
};

}  // namespace fbmcp::fake
