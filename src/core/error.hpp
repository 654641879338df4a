// The one error type that crosses module boundaries (DESIGN §3). Exceptions never do.
#pragma once
#include <expected>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>

namespace fbmcp::core {

enum class ErrorKind {
  InvalidArgs,
  UnknownOp,
  NotFound,
  Unauthenticated,
  PermissionDenied,
  RateLimited,
  GraphApi,
  Network,
  PolicyBlocked,
  Internal,
};

std::string_view to_string(ErrorKind kind);

// Graph's own error fields, kept verbatim so an agent (or a human reading a log) can quote fbtrace_id to Meta.
struct GraphErrorInfo {
  int code = 0;
  int error_subcode = 0;
  std::string type;
  std::string message;
  std::string error_user_title;
  std::string error_user_msg;
  std::string fbtrace_id;
  bool is_transient = false;
  nlohmann::json error_data;  // may hold blame_field_specs
  int http_status = 0;
};

struct Error {
  ErrorKind kind = ErrorKind::Internal;
  std::string message;               // what went wrong
  std::string hint;                  // what to do next
  std::string path;                  // JSON path of the offending argument, when there is one
  std::optional<GraphErrorInfo> graph;
  nlohmann::json detail;             // extra machine-readable facts (allowed values, example, wait seconds…)
};

template <typename T>
using Result = std::expected<T, Error>;

inline std::unexpected<Error> fail(ErrorKind kind, std::string message, std::string hint = {}) {
  return std::unexpected(Error{kind, std::move(message), std::move(hint), {}, std::nullopt, nullptr});
}

// Wire shape of an error inside structuredContent (DESIGN §3).
nlohmann::json to_json(const Error& error);

}  // namespace fbmcp::core
