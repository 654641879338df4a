// FakeGraphServer: the GraphEmulator over real HTTP on 127.0.0.1 (cpp-httplib), with URL shapes as Graph's
// (/<version>/<node>[/<edge>], POST /<version>/ with batch=), params from query, form, multipart or JSON bodies, and
// scripted faults. Tests point CurlTransport at it; any Graph client (Meta's SDKs too) can be pointed at it.
#pragma once
#include <atomic>
#include <memory>
#include <thread>

#include "fake/fault_plan.hpp"
#include "fake/graph_emulator.hpp"

namespace httplib {
class Server;
struct Request;
struct Response;
}  // namespace httplib

namespace fbmcp::fake {

class FakeGraphServer {
 public:
  explicit FakeGraphServer(std::shared_ptr<GraphEmulator> emulator);
  ~FakeGraphServer();

  // Binds 127.0.0.1:<port> (0 = a free port) and serves on a background thread. Returns the bound port, or an
  // error when the port is taken.
  core::Result<int> start(int port);
  // Serves on the calling thread until stop() (the `fake-graph` command).
  core::Result<void> run(int port, const std::function<void(int port)>& on_listening);
  void stop();

  FaultPlan& faults() { return faults_; }
  // Added to every Graph answer, to stand in for the distance to Meta (benchmarks).
  void set_latency_ms(int ms) { latency_ms_ = ms; }
  size_t http_requests() const { return http_requests_.load(); }
  // Like an app with "Require App Secret" on: every call must carry a matching appsecret_proof.
  void require_appsecret_proof(std::string app_secret) { app_secret_ = std::move(app_secret); }
  GraphEmulator& emulator() { return *emulator_; }
  std::string base_url() const { return "http://127.0.0.1:" + std::to_string(port_); }

 private:
  static constexpr size_t kWorkers = 32;
  static constexpr time_t kKeepAliveSeconds = 2;
  core::Result<int> bind(int port);
  void install_routes();
  // Answers as `fault` says (some kinds run the request in the emulator first; Delay and Headers answer normally).
  void answer_with_fault(const Fault& fault, const httplib::Request& req, const ParamMap& params,
                         httplib::Response& res);

  std::shared_ptr<GraphEmulator> emulator_;
  std::unique_ptr<httplib::Server> http_;
  FaultPlan faults_;
  std::thread thread_;
  int port_ = 0;
  std::atomic<int> latency_ms_{0};
  std::string app_secret_;
  std::atomic<size_t> http_requests_{0};
};

}  // namespace fbmcp::fake
