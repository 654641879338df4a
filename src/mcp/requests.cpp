#include "mcp/requests.hpp"

#include "core/json_read.hpp"

namespace fbmcp::mcp {
namespace {

using core::fail;
using core::ErrorKind;
using nlohmann::json;

// Unwraps a checked read inside a parser: returns the Error from the enclosing function when the read failed.
#define FBMCP_READ(var, expr)                       \
  auto var##_read = (expr);                         \
  if (!var##_read) return std::unexpected(var##_read.error()); \
  auto var = std::move(*var##_read)

core::Result<std::string> required_string(const json& params, std::string_view key, std::string_view what) {
  auto value = core::read_string(params, key, "params");
  if (!value) return std::unexpected(value.error());
  if (!*value) return fail(ErrorKind::InvalidArgs, "params." + std::string(key) + " is required: " + std::string(what));
  return **value;
}

// An object whose values must all be strings (prompt arguments, completion context).
core::Result<json> string_map(const json* object, const std::string& path) {
  if (!object) return json::object();
  for (const auto& [key, value] : object->items()) {
    if (!value.is_string()) {
      return fail(ErrorKind::InvalidArgs, path + "." + key + " must be a string, got " + core::describe_type(value));
    }
  }
  return *object;
}

}  // namespace

bool is_valid_id(const json& id) { return id.is_string() || id.is_number_integer(); }

core::Result<InitializeRequest> parse_initialize(const json& params) {
  InitializeRequest request;
  FBMCP_READ(version, core::read_string(params, "protocolVersion", "params"));
  if (version) request.protocol_version = *version;
  FBMCP_READ(capabilities, core::read_object(params, "capabilities", "params"));
  request.client_elicitation = capabilities && core::find_field(*capabilities, "elicitation") != nullptr;
  return request;
}

core::Result<ToolsCallRequest> parse_tools_call(const json& params) {
  ToolsCallRequest request;
  FBMCP_READ(name, required_string(params, "name", "the tool's name (this server has one tool, facebook)"));
  request.name = std::move(name);
  FBMCP_READ(arguments, core::read_object(params, "arguments", "params"));
  if (arguments) request.arguments = *arguments;
  FBMCP_READ(meta, core::read_object(params, "_meta", "params"));
  if (meta) {
    const json* token = core::find_field(*meta, "progressToken");
    if (token && !token->is_null()) {
      if (!is_valid_id(*token)) {
        return fail(ErrorKind::InvalidArgs, "params._meta.progressToken must be a string or an integer, got " +
                                                core::describe_type(*token));
      }
      request.progress_token = *token;
    }
  }
  return request;
}

core::Result<PromptsGetRequest> parse_prompts_get(const json& params) {
  PromptsGetRequest request;
  FBMCP_READ(name, required_string(params, "name", "the prompt's name, as prompts/list shows it"));
  request.name = std::move(name);
  FBMCP_READ(arguments, core::read_object(params, "arguments", "params"));
  FBMCP_READ(strings, string_map(arguments, "params.arguments"));
  request.arguments = std::move(strings);
  return request;
}

core::Result<CompleteRequest> parse_complete(const json& params) {
  CompleteRequest request;
  FBMCP_READ(ref, core::read_object(params, "ref", "params"));
  if (!ref) return fail(ErrorKind::InvalidArgs, "params.ref is required: {\"type\": \"ref/prompt\", \"name\": …}");
  FBMCP_READ(argument, core::read_object(params, "argument", "params"));
  if (!argument) {
    return fail(ErrorKind::InvalidArgs,
                "params.argument is required: {\"name\": \"ad_account_id\", \"value\": \"what was typed\"}");
  }
  FBMCP_READ(name, core::read_string(*argument, "name", "params.argument"));
  if (!name) return fail(ErrorKind::InvalidArgs, "params.argument.name is required: the argument to complete");
  request.argument = std::move(*name);
  FBMCP_READ(typed, core::read_string(*argument, "value", "params.argument"));
  request.typed = typed.value_or("");
  FBMCP_READ(context, core::read_object(params, "context", "params"));
  if (context) {
    FBMCP_READ(context_arguments, core::read_object(*context, "arguments", "params.context"));
    FBMCP_READ(strings, string_map(context_arguments, "params.context.arguments"));
    request.context = std::move(strings);
  }
  return request;
}

core::Result<core::LogLevel> parse_set_level(const json& params) {
  FBMCP_READ(name, core::read_string(params, "level", "params"));
  const auto level = name ? core::parse_log_level(*name) : std::nullopt;
  if (!level) {
    return fail(ErrorKind::InvalidArgs, "params.level must be one of debug, info, notice, warning, error, "
                                        "critical, alert, emergency");
  }
  return *level;
}

std::optional<json> parse_cancelled(const json& params) {
  const json* id = core::find_field(params, "requestId");
  if (!id || !is_valid_id(*id)) return std::nullopt;
  return *id;
}

bool elicitation_accepted(const json& reply) {
  auto result = core::read_object(reply, "result", "");
  if (!result || !*result) return false;
  auto action = core::read_string(**result, "action", "");
  auto content = core::read_object(**result, "content", "");
  if (!action || *action != "accept" || !content || !*content) return false;
  auto confirm = core::read_bool(**content, "confirm", "");
  return confirm && *confirm == true;
}

}  // namespace fbmcp::mcp
