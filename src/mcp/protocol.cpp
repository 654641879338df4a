#include "mcp/protocol.hpp"

#include <algorithm>

namespace fbmcp::mcp {

nlohmann::json make_result(const nlohmann::json& id, nlohmann::json result) {
  return {{"jsonrpc", "2.0"}, {"id", id}, {"result", std::move(result)}};
}

nlohmann::json make_error(const nlohmann::json& id, int code, const std::string& message, const nlohmann::json& data) {
  nlohmann::json error = {{"code", code}, {"message", message}};
  if (!data.is_null()) error["data"] = data;
  return {{"jsonrpc", "2.0"}, {"id", id}, {"error", error}};
}

nlohmann::json make_notification(const std::string& method, nlohmann::json params) {
  return {{"jsonrpc", "2.0"}, {"method", method}, {"params", std::move(params)}};
}

const std::vector<std::string>& supported_protocol_versions() {
  static const std::vector<std::string> kVersions = {"2025-11-25", "2025-06-18", "2025-03-26", "2024-11-05"};
  return kVersions;
}

std::string negotiate_protocol_version(const nlohmann::json& requested) {
  const auto& versions = supported_protocol_versions();
  if (requested.is_string() &&
      std::find(versions.begin(), versions.end(), requested.get<std::string>()) != versions.end()) {
    return requested.get<std::string>();
  }
  return versions.front();
}

}  // namespace fbmcp::mcp
