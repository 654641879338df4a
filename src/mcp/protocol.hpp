// JSON-RPC 2.0 wire pieces and MCP version negotiation, in one place (DESIGN §3: errors mapped to the wire once).
#pragma once
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

namespace fbmcp::mcp {

namespace rpc {
inline constexpr int kParseError = -32700;
inline constexpr int kInvalidRequest = -32600;
inline constexpr int kMethodNotFound = -32601;
inline constexpr int kInvalidParams = -32602;
inline constexpr int kInternalError = -32603;
}  // namespace rpc

nlohmann::json make_result(const nlohmann::json& id, nlohmann::json result);
nlohmann::json make_error(const nlohmann::json& id, int code, const std::string& message,
                          const nlohmann::json& data = nullptr);
nlohmann::json make_notification(const std::string& method, nlohmann::json params);

// Newest first. We answer the client's version when we speak it, else our latest (basic/lifecycle.mdx).
const std::vector<std::string>& supported_protocol_versions();
std::string negotiate_protocol_version(const nlohmann::json& requested);

}  // namespace fbmcp::mcp
