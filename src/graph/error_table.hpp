// Graph error decoding: the one tested table that turns Graph's {error:{code, error_subcode…}} into our Error
// kinds (DESIGN §3). Keyed on code/subcode, never on HTTP status.
#pragma once
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>

#include "core/error.hpp"

namespace fbmcp::graph {

// Decodes a Graph error body. Returns nullopt when `body` holds no `error` object.
std::optional<core::Error> decode_graph_error(const nlohmann::json& body, int http_status,
                                              const std::map<std::string, std::string>& headers);

// True for errors worth retrying on a read or idempotent write: codes 1 and 2, is_transient, network failures.
bool is_retryable(const core::Error& error);

// Seconds to wait before retrying a throttled call, from the usage headers (estimated_time_to_regain_access is in
// minutes), or nullopt when Meta did not say.
std::optional<int> retry_after_seconds(const std::map<std::string, std::string>& headers);

}  // namespace fbmcp::graph
