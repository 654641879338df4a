// What a client's request params mean, read through checked accessors (core/json_read.hpp). Each parser returns
// the typed request or an Error naming the field ("params.argument.name must be a string, got an integer"), which
// the server answers as -32602. Nothing here throws, whatever the client sent.
#pragma once
#include <nlohmann/json.hpp>
#include <optional>
#include <string>

#include "core/error.hpp"
#include "core/log.hpp"

namespace fbmcp::mcp {

struct InitializeRequest {
  nlohmann::json protocol_version;  // as sent (a string, or null when absent); negotiation decides
  bool client_elicitation = false;
};
core::Result<InitializeRequest> parse_initialize(const nlohmann::json& params);

struct ToolsCallRequest {
  std::string name;
  nlohmann::json arguments = nlohmann::json::object();
  nlohmann::json progress_token;  // string or integer; null when the client wants no progress
};
core::Result<ToolsCallRequest> parse_tools_call(const nlohmann::json& params);

struct PromptsGetRequest {
  std::string name;
  nlohmann::json arguments = nlohmann::json::object();  // every value a string
};
core::Result<PromptsGetRequest> parse_prompts_get(const nlohmann::json& params);

struct CompleteRequest {
  std::string argument;                                  // the argument being completed
  std::string typed;                                     // what the user typed so far
  nlohmann::json context = nlohmann::json::object();     // other arguments already given: name → string
};
core::Result<CompleteRequest> parse_complete(const nlohmann::json& params);

core::Result<core::LogLevel> parse_set_level(const nlohmann::json& params);

// notifications/cancelled: the request id to cancel, when the params name one properly (else nullopt; a
// notification gets no reply, so a bad one is only ignored).
std::optional<nlohmann::json> parse_cancelled(const nlohmann::json& params);

// An elicitation/create answer: true only for an explicit accept with confirm == true; any other shape declines.
bool elicitation_accepted(const nlohmann::json& reply);

// A JSON-RPC id we accept: a string or an integer (MCP: "MUST be a string or integer", never null).
bool is_valid_id(const nlohmann::json& id);

}  // namespace fbmcp::mcp
