// Graph error decoding: the one tested table that turns Graph's {error:{code, error_subcode…}} into our Error
// kinds (DESIGN §3). Keyed on code/subcode, never on HTTP status.
#pragma once
#include <cstdint>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>

#include "core/error.hpp"

namespace fbmcp::graph {

// "(#2642) Invalid cursors values": what Graph answers for a cursor it cannot use, as reported against Meta's own
// SDK (facebook/facebook-java-business-sdk issue #292). No Meta doc page lists it; it is decoded as InvalidArgs on
// `after`.
inline constexpr int kInvalidCursorCode = 2642;

// Longest wait we report or compute with: one year. Meta's estimates are minutes and come from outside, so the
// arithmetic on them saturates here instead of overflowing.
inline constexpr int64_t kMaxRetryAfterSeconds = 366LL * 24 * 3600;

// Decodes a Graph error body. Returns nullopt when `body` has no `error` member. Never throws, whatever the shape:
// fields of unexpected types are named in the message.
std::optional<core::Error> decode_graph_error(const nlohmann::json& body, int http_status,
                                              const std::map<std::string, std::string>& headers);

// True for errors worth retrying on a read or idempotent write: codes 1 and 2, is_transient, network failures.
bool is_retryable(const core::Error& error);

// Seconds to wait before retrying a throttled call, from the usage headers (estimated_time_to_regain_access is in
// minutes), or nullopt when Meta did not say. Numeric strings are accepted; the result is clamped to
// [0, kMaxRetryAfterSeconds].
std::optional<int64_t> retry_after_seconds(const std::map<std::string, std::string>& headers);

}  // namespace fbmcp::graph
