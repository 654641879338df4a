// Meta's asynchronous batch requests (FBD/marketing-api/asyncrequests): POST /act_<id>/async_batch_requests with
// `name` and `adbatch` (a JSON list of {name, relative_url, body}) answers {"id": <AdAsyncRequestSet id>}; GET /<id>
// tells how far the set is (is_completed, total_count, initial_count, in_progress_count, success_count, error_count,
// canceled_count) and GET /<id>/requests lists each request (id, name, status, result). Large deep copies go this way
// (a copy made here takes up to 51 ads, fake/rules/copy_rules.hpp).
//
// The emulator runs every request when the set is made, in order, each as its own Graph call; the first read of the
// set still finds it in progress, as a real set is for a while, and every later read finds it done.
#pragma once
#include <functional>
#include <optional>

#include "fake/write_context.hpp"

namespace fbmcp::fake {

inline constexpr const char* kAsyncRequestSetType = "adasyncrequestset";

struct AsyncAnswer {
  std::expected<nlohmann::json, GraphError> body;
  bool changed = false;
};

// One request of a set, run the way the emulator runs any Graph call: {HTTP status, parsed body}.
using AsyncRunner = std::function<std::pair<int, nlohmann::json>(const std::string& method, const std::string& path,
                                                                 const ParamMap& params)>;

// Answers the async-request paths (nullopt for any other path): `parts` is the path split at '/', `node` its first
// part's object.
std::optional<AsyncAnswer> async_requests(WriteContext& ctx, Node& node, const std::string& method,
                                          const std::vector<std::string>& parts, const ParamMap& params,
                                          const AsyncRunner& run);

}  // namespace fbmcp::fake
