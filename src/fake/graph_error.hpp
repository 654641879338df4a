// Errors as the emulator raises them: the exact JSON shape Graph sends (FBD/graph-api/guides/error-handling).
#pragma once
#include <nlohmann/json.hpp>
#include <string>

namespace fbmcp::fake {

struct GraphError {
  int http_status = 400;
  int code = 100;
  int error_subcode = 0;
  std::string type = "OAuthException";
  std::string message;
  std::string error_user_title;
  std::string error_user_msg;
  bool is_transient = false;
  nlohmann::json error_data;  // e.g. {"blame_field_specs":[["daily_budget"]]}
  // Read-after-write that failed: what the write itself answered ({"id": …}), so the caller knows it happened.
  nlohmann::json original_response;

  nlohmann::json body(const std::string& fbtrace_id) const;
};

// "(#100) The parameter name is required"
GraphError missing_param(const std::string& name);
// "(#100) Param objective must be one of {A, B}": enum validation as Graph phrases it.
GraphError invalid_enum(const std::string& name, const std::string& value, const nlohmann::json& allowed);
// code 100 with a blamed field and a user-facing title/message.
GraphError invalid_param(const std::string& field, const std::string& message, const std::string& user_title = {},
                         const std::string& user_msg = {}, int subcode = 0);
// Unknown or invisible object: code 100, subcode 33, Graph's own wording.
GraphError unsupported_request(const std::string& method, const std::string& id);
// Unknown edge: code 2500 "Unknown path components".
GraphError unknown_path(const std::string& components);
// A paging cursor this list did not hand out: "(#2642) Invalid cursors values", code 2642, as Graph answered it in a
// report against Meta's Java SDK (facebook/facebook-java-business-sdk issue #292). No Meta doc page lists the code;
// this is the observed answer, not a documented one.
GraphError invalid_cursor();
// Asking for a field the node type does not have.
GraphError nonexisting_field(const std::string& field, const std::string& node_type);

}  // namespace fbmcp::fake
