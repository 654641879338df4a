// fake::GraphEmulator — a stateful Graph API in memory (DESIGN §1). It speaks Graph's wire semantics: paths,
// params as strings, JSON bodies, Graph-shaped errors, cursors, batch, usage headers. EmulatorTransport (in-process)
// and FakeGraphServer (HTTP on 127.0.0.1) both call handle().
#pragma once
#include <atomic>
#include <functional>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "fake/delivery/insights_edge.hpp"
#include "fake/delivery/insights_throttle.hpp"
#include "fake/fixtures.hpp"
#include "fake/oauth/oauth_service.hpp"
#include "fake/usage_meter.hpp"
#include "fake/world_state.hpp"
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
  // Objects Graph still shows as existing: deleted ones stay readable (status DELETED) on Meta, so count() keeps them.
  size_t count_not_deleted(const std::string& type) const;
  size_t requests_served() const { return requests_.load(); }
  void set_base_url(std::string base_url);

  // Keeps the world in `file` from now on (fake/world_state.hpp): loads it when the file exists (else keeps the
  // fixtures world), then syncs before and saves after every request that changes something. Fails, changing
  // nothing, when the file is damaged or not a fake state; callers refuse to start then.
  core::Result<void> persist_to(std::shared_ptr<WorldStateFile> file);

  // Facebook Login (fake/oauth/oauth_service.hpp): the dialog's redirect for GET /dialog/oauth, the app's secret
  // (fake-graph --app-secret), and whether unknown, expired and revoked tokens are refused (--strict-tokens).
  std::expected<std::string, GraphError> oauth_dialog(const ParamMap& params);
  const OAuthApp& oauth_app() const { return oauth_.app(); }
  void set_app_secret(std::string secret);
  void require_known_tokens(bool strict);
  // Replaces the clock (EmulatorOptions::now), e.g. to move a fixed FACEBOOK_FAKE_CLOCK past a token's expiry.
  void set_clock(std::function<std::string()> now);

  // The HTML page behind a preview URL the preview edges handed out (fake/previews/preview_page.hpp): not a Graph
  // call, so it is neither counted nor metered.
  graph::HttpResponse preview_page(const ParamMap& params);

  // A new fbtrace_id, for errors raised in front of the emulator (FakeGraphServer's faults and proof checks): one
  // sequence per emulator, so no two errors share an id.
  std::string next_fbtrace_id();

 private:
  graph::HttpResponse handle_locked(const std::string& method, const std::string& path, const ParamMap& params);
  graph::HttpResponse handle_batch(const ParamMap& params);
  // /oauth/access_token, /debug_token, DELETE /me/permissions; nullopt for any other path.
  // GET/POST /<object>/insights and GET /<report_run>/insights (fake/delivery/insights_edge.hpp); nullopt when the
  // path is not an insights edge.
  std::optional<graph::HttpResponse> handle_insights(const std::string& method, Node& node, const std::string& edge,
                                                     const ParamMap& params, const WriteContext& ctx);
  std::optional<graph::HttpResponse> handle_oauth(const std::string& method, const std::vector<std::string>& parts,
                                                  const ParamMap& params);
  int64_t now_seconds() const;
  std::string me_id(const ParamMap& params) const;
  graph::HttpResponse respond(int status, const nlohmann::json& body, const std::string& account_id, bool is_write);
  graph::HttpResponse respond_error(const GraphError& error, const std::string& account_id = {});
  std::string account_of(const Node* node) const;
  std::string fbtrace_id_locked();
  // Under the state file's lock: sync, handle, save when anything changed.
  graph::HttpResponse handle_persisted(const std::string& method, const std::string& path, const ParamMap& params);

  mutable std::mutex mutex_;
  World world_;
  EmulatorOptions options_;
  UsageMeter usage_;
  delivery::InsightsThrottle insights_throttle_;
  delivery::ReportAnswers report_answers_;
  OAuthService oauth_;
  bool strict_tokens_ = false;
  std::atomic<size_t> requests_{0};
  uint64_t trace_counter_ = 0;
  // With a state file: the file, the fixtures world to start over from after `fake reset`, and whether the request
  // being served changed the store or the trace counter (then it is saved).
  std::shared_ptr<WorldStateFile> state_file_;
  ObjectStore seed_store_;
  bool changed_ = false;
};

}  // namespace fbmcp::fake
