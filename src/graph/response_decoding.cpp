#include "graph/response_decoding.hpp"

#include "graph/error_table.hpp"
#include "graph/json_fields.hpp"

namespace fbmcp::graph {

core::Result<nlohmann::json> decode_response(const HttpResponse& response, std::string_view what, BodyShape expect) {
  const std::string status = std::to_string(response.status);
  // Graph has answered with text/javascript content types: parse the body whatever the header says.
  auto body = nlohmann::json::parse(response.body, nullptr, false);
  if (body.is_discarded()) {
    // A truncated or non-JSON body is a transport problem (proxy page, cut connection): retryable for reads.
    return core::fail(core::ErrorKind::Network,
                      "Graph answered HTTP " + status + " for " + std::string(what) +
                          (response.body.empty() ? " with an empty body" : " with a body that is not JSON"),
                      "a proxy or outage at Meta; try again shortly");
  }
  if (auto error = decode_graph_error(body, response.status, response.headers)) return std::unexpected(*error);
  if (response.status >= 500) {
    return core::fail(core::ErrorKind::Network, "Graph answered HTTP " + status + " for " + std::string(what),
                      "a temporary problem at Meta; try again shortly");
  }
  if (response.status < 200 || response.status >= 300) {
    return core::fail(core::ErrorKind::GraphApi,
                      "Graph answered HTTP " + status + " for " + std::string(what) + " without an error object",
                      "Meta refused the request without saying why; check the request and try again");
  }
  const bool object = expect == BodyShape::Object;
  if (object ? !body.is_object() : !body.is_array()) {
    return std::unexpected(unexpected_shape(what, "the body is " + std::string(json_type_name(body)) + " (" +
                                                      json_text(body, 80) + "), expected " +
                                                      (object ? "an object" : "an array")));
  }
  return body;
}

core::Result<void> expect_success(const nlohmann::json& body, std::string_view what) {
  const auto success = read_bool(body, "success");
  if (!success) return std::unexpected(unexpected_shape(what, success.error()));
  if (*success && !**success) {
    return core::fail(core::ErrorKind::GraphApi, "Meta answered success: false for " + std::string(what),
                      "the change was not applied; read the object and try again");
  }
  return {};
}

}  // namespace fbmcp::graph
