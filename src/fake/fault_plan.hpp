// Scripted failures for the fake Graph server, so tests prove the live path survives what Meta and networks do:
// Graph errors (190/463, 17 with usage headers, 613, 80004, 1 and 2 transient, 100 with a blamed field), HTTP 5xx,
// delays, connection resets, malformed bodies, and timeouts after the write was applied.
#pragma once
#include <mutex>
#include <nlohmann/json.hpp>
#include <optional>
#include <regex>
#include <string>
#include <vector>

#include "core/error.hpp"

namespace fbmcp::fake {

enum class FaultKind { GraphError, HttpStatus, Delay, Reset, Malformed, TimeoutAfterWrite };

struct Fault {
  FaultKind kind = FaultKind::GraphError;
  std::string method;          // empty = any
  std::string path_pattern;    // ECMAScript regex searched in the path; empty = any
  int remaining = 1;           // how many matching requests fail
  int http_status = 400;
  int code = 1;
  int error_subcode = 0;
  bool is_transient = false;
  std::string message;
  std::string blame_field;
  int delay_ms = 0;            // Delay: before answering; TimeoutAfterWrite: after applying, before answering
  int regain_minutes = 0;      // throttles: estimated_time_to_regain_access in the usage header
  nlohmann::json spec;         // as given, for /__control/faults listings
};

// Parses one fault from JSON, e.g. {"kind":"graph_error","code":17,"count":2,"path":"campaigns"}.
core::Result<Fault> parse_fault(const nlohmann::json& spec);

class FaultPlan {
 public:
  void add(Fault fault);
  void clear();
  // The fault for this request, if one is armed; consumes one of its `remaining`.
  std::optional<Fault> take(const std::string& method, const std::string& path);
  nlohmann::json describe() const;

 private:
  mutable std::mutex mutex_;
  std::vector<Fault> faults_;
};

}  // namespace fbmcp::fake
