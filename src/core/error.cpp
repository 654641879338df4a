#include "core/error.hpp"

namespace fbmcp::core {

std::string_view to_string(ErrorKind kind) {
  switch (kind) {
    case ErrorKind::InvalidArgs: return "InvalidArgs";
    case ErrorKind::UnknownOp: return "UnknownOp";
    case ErrorKind::NotFound: return "NotFound";
    case ErrorKind::Unauthenticated: return "Unauthenticated";
    case ErrorKind::PermissionDenied: return "PermissionDenied";
    case ErrorKind::RateLimited: return "RateLimited";
    case ErrorKind::GraphApi: return "GraphApi";
    case ErrorKind::Network: return "Network";
    case ErrorKind::PolicyBlocked: return "PolicyBlocked";
    case ErrorKind::Internal: return "Internal";
  }
  return "Internal";
}

nlohmann::json to_json(const Error& error) {
  nlohmann::json out = {{"kind", to_string(error.kind)}, {"message", error.message}};
  if (!error.hint.empty()) out["hint"] = error.hint;
  if (!error.path.empty()) out["path"] = error.path;
  if (error.graph) {
    const auto& g = *error.graph;
    nlohmann::json graph = {{"code", g.code}, {"is_transient", g.is_transient}};
    if (g.error_subcode) graph["error_subcode"] = g.error_subcode;
    if (!g.type.empty()) graph["type"] = g.type;
    if (!g.message.empty()) graph["message"] = g.message;
    if (!g.error_user_title.empty()) graph["error_user_title"] = g.error_user_title;
    if (!g.error_user_msg.empty()) graph["error_user_msg"] = g.error_user_msg;
    if (!g.fbtrace_id.empty()) graph["fbtrace_id"] = g.fbtrace_id;
    out["graph"] = std::move(graph);
  }
  if (!error.detail.is_null()) out["detail"] = error.detail;
  return out;
}

}  // namespace fbmcp::core
