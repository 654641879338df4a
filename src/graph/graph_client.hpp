// GraphClient: Graph semantics on top of a Transport — JSON decoding, error table, paging, retries of reads.
#pragma once
#include <functional>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "core/error.hpp"
#include "graph/rate_pacer.hpp"
#include "graph/request.hpp"
#include "graph/response_decoding.hpp"
#include "graph/transport.hpp"

namespace fbmcp::graph {

struct ListPage {
  std::vector<nlohmann::json> items;
  std::optional<std::string> after;  // cursor to continue from, set only when more items exist
  // resume_after[i] continues right after items[i]: a caller that shows only the first k items (a size budget)
  // hands back resume_after[k-1], so nothing is skipped or repeated.
  std::vector<std::string> resume_after;
  int requests = 0;                  // how many Graph calls it took (benchmarks and tests read this)
};

struct RetryPolicy {
  int max_attempts = 3;
  int base_delay_ms = 200;
  std::function<void(int ms)> sleep;  // injectable so tests don't wait; default sleeps
  // On a throttle, wait as long as Meta asks (estimated_time_to_regain_access) when that is at most this long;
  // otherwise return RateLimited with the wait. Throttled calls were not executed, so writes may be re-sent too.
  int max_throttle_wait_ms = 15000;
};

// Whether a POST may be sent again with the same effect: setting a status, name or budget is; a create is not.
enum class Idempotent { No, Yes };

class GraphClient {
 public:
  explicit GraphClient(std::shared_ptr<Transport> transport, RetryPolicy retry = {});

  core::Result<nlohmann::json> get(const std::string& path, const Params& params = {});
  // A POST is sent once unless the caller says it is idempotent; then it is retried like a read (transient Graph
  // errors, 5xx, bodies that are not JSON, network failures), and the transport may re-send it.
  core::Result<nlohmann::json> post(const std::string& path, const Params& params,
                                    Idempotent idempotent = Idempotent::No);
  core::Result<nlohmann::json> del(const std::string& path, const Params& params = {});
  // Any request as it is built (file parts, the video host), sent once: the caller owns retries (a resumable
  // upload resumes from its own last acknowledged offset and counts what it re-sent).
  core::Result<nlohmann::json> send_once(const GraphRequest& request);

  // Reads an edge page by page (following paging.next's cursor) until `limit` kept items or the end.
  // `keep` filters client-side when Graph has no server-side filter for a condition; it sees objects only.
  // params["after"] is a cursor an earlier list of the same edge returned; one that is not (malformed, or refused
  // by Graph) is InvalidArgs at args.after.
  core::Result<ListPage> list(const std::string& path, Params params, size_t limit,
                              const std::function<bool(const nlohmann::json&)>& keep = {});

  // Graph Batch API (FBD/graph-api/batch-requests): runs `requests` in chunks of ≤50, in order; one result per
  // request. Items Graph leaves `null` (not completed) are re-sent. When `idempotent` is false, a chunk whose
  // fate is unknown (network failure) is not re-sent, and its items report that outcome.
  std::vector<core::Result<nlohmann::json>> batch(const std::vector<GraphRequest>& requests, bool idempotent);
  static constexpr size_t kMaxBatchSize = 50;

  // Largest page we ask Graph for. Per-edge maxima are unpublished; >500 is known to be risky.
  static constexpr size_t kMaxPageSize = 500;

 private:
  core::Result<nlohmann::json> call(const GraphRequest& request, BodyShape shape = BodyShape::Object);
  core::Result<nlohmann::json> call_once(const GraphRequest& request, BodyShape shape);
  std::vector<core::Result<nlohmann::json>> batch_chunk(const std::vector<GraphRequest>& requests, bool idempotent,
                                                        core::Result<nlohmann::json> first_answer);
  core::Result<nlohmann::json> decode(core::Result<HttpResponse> response, std::string_view what, BodyShape shape);

  std::shared_ptr<Transport> transport_;
  RetryPolicy retry_;
  RatePacer pacer_;

 public:
  const RatePacer& pacer() const { return pacer_; }
};

}  // namespace fbmcp::graph
