// One Graph HTTP answer → JSON or an Error, as a pure function: no transport, no pacing, no retries, no exceptions.
// GraphClient uses it for every answer, and a fuzz target (tests/fuzz/graph_response_fuzz.cpp) runs it on arbitrary
// bytes.
#pragma once
#include <nlohmann/json.hpp>
#include <string_view>

#include "core/error.hpp"
#include "graph/request.hpp"

namespace fbmcp::graph {

// What a successful answer must be at the top level: an object for node reads, creates ({"id":…}), updates and
// deletes ({"success":true}); an array for the Batch API.
enum class BodyShape { Object, Array };

// - a body that is not JSON (empty, an HTML proxy page, a cut-off answer) → ErrorKind::Network: nothing usable
//   arrived, so reads and idempotent writes may be retried;
// - a Graph error body → the error table's kind (decode_graph_error), whatever the HTTP status;
// - HTTP ≥ 500 without a Graph error → Network; another non-2xx status without one → GraphApi;
// - a 2xx JSON body of the wrong top-level shape (`true`, `[]`, `null` where an object is due) → GraphApi, marked
//   as an unexpected shape (is_unexpected_shape) and naming `what` ("act_1/campaigns").
core::Result<nlohmann::json> decode_response(const HttpResponse& response, std::string_view what,
                                             BodyShape expect = BodyShape::Object);

// Updates and deletes answer {"success":true} (graph-api-facts.md §2). `success` false is Meta declining without an
// error object → GraphApi; `success` of another type → an unexpected shape. Absent is accepted: read-after-write
// answers echo fields instead.
core::Result<void> expect_success(const nlohmann::json& body, std::string_view what);

}  // namespace fbmcp::graph
