#include "fake/graph_error.hpp"

namespace fbmcp::fake {

nlohmann::json GraphError::body(const std::string& fbtrace_id) const {
  nlohmann::json e = {{"message", message}, {"type", type}, {"code", code}, {"fbtrace_id", fbtrace_id}};
  if (error_subcode) e["error_subcode"] = error_subcode;
  if (!error_user_title.empty()) e["error_user_title"] = error_user_title;
  if (!error_user_msg.empty()) e["error_user_msg"] = error_user_msg;
  if (is_transient) e["is_transient"] = true;
  if (!error_data.is_null()) e["error_data"] = error_data.dump();  // Graph sends error_data as a JSON string
  if (!original_response.is_null()) e["original_response"] = original_response;
  return {{"error", e}};
}

GraphError missing_param(const std::string& name) {
  GraphError e;
  e.message = "(#100) The parameter " + name + " is required";
  e.error_data = {{"blame_field_specs", {{name}}}};
  return e;
}

GraphError invalid_enum(const std::string& name, const std::string& value, const nlohmann::json& allowed) {
  std::string list;
  for (const auto& v : allowed) list += (list.empty() ? "" : ", ") + v.get<std::string>();
  GraphError e;
  e.message = "(#100) Param " + name + " must be one of {" + list + "}";
  e.error_user_msg = "'" + value + "' is not a valid value for " + name + ".";
  e.error_data = {{"blame_field_specs", {{name}}}};
  return e;
}

GraphError invalid_param(const std::string& field, const std::string& message, const std::string& user_title,
                         const std::string& user_msg, int subcode) {
  GraphError e;
  e.message = "Invalid parameter";
  e.error_subcode = subcode;
  e.error_user_title = user_title.empty() ? "Invalid parameter" : user_title;
  e.error_user_msg = user_msg.empty() ? message : user_msg;
  e.error_data = {{"blame_field_specs", {{field}}}};
  if (!message.empty() && user_msg.empty()) e.message = "(#100) " + message;
  return e;
}

GraphError unsupported_request(const std::string& method, const std::string& id) {
  GraphError e;
  e.error_subcode = 33;
  const std::string verb = method == "GET" ? "get" : method == "DELETE" ? "delete" : "post";
  e.message = "Unsupported " + verb + " request. Object with ID '" + id +
              "' does not exist, cannot be loaded due to missing permissions, or does not support this operation. "
              "Please read the Graph API documentation at https://developers.facebook.com/docs/graph-api";
  e.type = "GraphMethodException";
  return e;
}

GraphError unknown_path(const std::string& components) {
  GraphError e;
  e.code = 2500;
  e.message = "Unknown path components: " + components;
  return e;
}

GraphError invalid_cursor() {
  GraphError e;
  e.code = 2642;
  e.message = "(#2642) Invalid cursors values";
  return e;
}

GraphError nonexisting_field(const std::string& field, const std::string& node_type) {
  GraphError e;
  e.message = "(#100) Tried accessing nonexisting field (" + field + ") on node type (" + node_type + ")";
  return e;
}

}  // namespace fbmcp::fake
