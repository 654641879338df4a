// Scripted failures for the fake Graph server, so tests prove the live path survives what Meta and networks do:
// Graph errors (190/463, 17 with usage headers, 613, 80004, 1 and 2 transient, 100 with a blamed field), HTTP 5xx,
// delays, connection resets, malformed bodies, timeouts after the write was applied, answers of any raw body and
// status (wrong shapes), raw extra headers (usage headers of the wrong types), and connections closed after the
// write was applied without a byte of answer.
//
// JSON syntax (POST /__control/faults, one object or a list); common keys: method, path (regex searched in the
// path), count (default 1), headers ({"Name":"raw value"}, added to whatever the fault answers):
//   {"kind":"graph_error","code":17,"error_subcode":0,"is_transient":false,"status":400,"message":"…",
//    "blame_field":"daily_budget","regain_minutes":30}
//   {"kind":"http_status","status":502}        {"kind":"delay","delay_ms":300}      {"kind":"reset"}
//   {"kind":"malformed"}                       {"kind":"timeout_after_write","delay_ms":3000}
//   {"kind":"body","status":200,"body":"true","apply":false}   raw body as given; apply:true runs the request first
//   {"kind":"headers","headers":{"X-Ad-Account-Usage":"{\"acc_id_util_pct\":\"100\"}"}}  normal answer + headers
//   {"kind":"close_after_apply"}               run the request, then close the connection without answering
// "skip": N lets the first N matching requests through untouched (e.g. a launch's create batch), then fails the next.
#pragma once
#include <cstdint>
#include <mutex>
#include <nlohmann/json.hpp>
#include <optional>
#include <regex>
#include <string>
#include <vector>

#include "core/error.hpp"

namespace fbmcp::fake {

enum class FaultKind { GraphError, HttpStatus, Delay, Reset, Malformed, TimeoutAfterWrite, Body, Headers, CloseAfterApply };

struct Fault {
  FaultKind kind = FaultKind::GraphError;
  std::string method;          // empty = any
  std::string path_pattern;    // ECMAScript regex searched in the path; empty = any
  int remaining = 1;           // how many matching requests fail
  int skip = 0;                // how many matching requests pass untouched before the first that fails
  int http_status = 400;
  int code = 1;
  int error_subcode = 0;
  bool is_transient = false;
  std::string message;
  std::string blame_field;
  int delay_ms = 0;            // Delay: before answering; TimeoutAfterWrite: after applying, before answering
  int64_t regain_minutes = 0;  // throttles: estimated_time_to_regain_access in the usage header
  std::string body;            // Body: sent verbatim
  bool apply = false;          // Body: run the request in the emulator first, then answer `body`
  std::vector<std::pair<std::string, std::string>> headers;  // raw headers added to the answer
  nlohmann::json spec;         // as given, for /__control/faults listings
};

// Parses one fault from JSON, e.g. {"kind":"graph_error","code":17,"count":2,"path":"campaigns"}. Keys of the wrong
// type are an error naming the key, never an exception.
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
