// GraphClient::batch — many Graph calls in few HTTP requests.
#include <algorithm>
#include <cctype>
#include <map>

#include "graph/error_table.hpp"
#include "graph/form_encoding.hpp"
#include "graph/graph_client.hpp"
#include "graph/json_fields.hpp"

namespace fbmcp::graph {
namespace {

// A reference to another operation's result, "{result=<name>:$.<path>}" (FBD/graph-api/batch-requests), is written
// into relative_url and body as it is: Meta's examples show it unencoded ("adset_id={result=create-adset:$.id}"), and
// Graph substitutes the text before reading the params. form_encode escapes it, so it is put back here.
std::string with_raw_references(std::string encoded) {
  static constexpr std::string_view kOpen = "%7Bresult%3D";
  static constexpr std::string_view kClose = "%7D";
  for (size_t at = encoded.find(kOpen); at != std::string::npos; at = encoded.find(kOpen, at + 1)) {
    const size_t end = encoded.find(kClose, at + kOpen.size());
    if (end == std::string::npos) break;
    const std::string raw = url_decode(std::string_view(encoded).substr(at, end + kClose.size() - at));
    encoded.replace(at, end + kClose.size() - at, raw);
  }
  return encoded;
}

// Graph relative_url: path plus query for GET/DELETE; POST params travel in `body` (urlencoded).
nlohmann::json batch_item(const GraphRequest& request) {
  nlohmann::json item = {{"method", request.method}};
  if (!request.batch_name.empty()) {
    item["name"] = request.batch_name;
    item["omit_response_on_success"] = false;  // Graph omits named results by default; callers want them
  }
  const std::string query = with_raw_references(form_encode(request.params.items()));
  if (request.method == "POST") {
    item["relative_url"] = request.path;
    item["body"] = query;
  } else {
    item["relative_url"] = query.empty() ? request.path : request.path + "?" + query;
  }
  return item;
}

// An item Graph left uncompleted is re-sent in a later round, where the items it refers to may not be: references to
// items that completed are replaced by the ids they made ({result=campaign:$.id} → "120…"), so the re-sent item
// still points at them.
GraphRequest with_known_results(GraphRequest request, const std::map<std::string, std::string>& made_ids) {
  if (made_ids.empty()) return request;
  Params resolved;
  for (const auto& [key, value] : request.params.items()) {
    std::string text = value;
    for (const auto& [name, id] : made_ids) {
      const std::string reference = "{result=" + name + ":$.id}";
      for (size_t at = text.find(reference); at != std::string::npos; at = text.find(reference, at + id.size())) {
        text.replace(at, reference.size(), id);
      }
    }
    resolved.set(key, text);
  }
  request.params = std::move(resolved);
  return request;
}

GraphRequest batch_envelope(const nlohmann::json& items, bool idempotent) {
  return GraphRequest{"POST", "", Params{{"batch", items}, {"include_headers", "true"}}, {}, idempotent};
}

// One element of Graph's batch answer: {"code":200,"headers":[{"name":…,"value":…}],"body":"<JSON string>"}
// (FBD/graph-api/batch-requests). Its body is decoded like a whole answer; a malformed element is an error for that
// item alone.
core::Result<nlohmann::json> decode_item(const nlohmann::json& item, const GraphRequest& request, size_t index) {
  const std::string what = "batch item " + std::to_string(index) + " (" + request.method + " " + request.path + ")";
  const auto code = read_int(item, "code");
  if (!code || !*code || **code < 0 || **code > 999) {
    return std::unexpected(unexpected_shape(
        what, !code ? code.error() : !*code ? "it has no `code`" : "`code` " + std::to_string(**code) + " is no HTTP status"));
  }
  HttpResponse response;
  response.status = static_cast<int>(**code);
  if (item.contains("headers") && item["headers"].is_array()) {
    for (const auto& header : item["headers"]) {
      auto name = read_string(header, "name");
      auto value = read_string(header, "value");
      if (!name || !value || !*name || !*value) continue;  // a header we cannot read tells us nothing
      std::string lower = **name;
      std::transform(lower.begin(), lower.end(), lower.begin(), [](unsigned char c) { return std::tolower(c); });
      response.headers[lower] = **value;
    }
  }
  auto body = read_string(item, "body");
  if (!body) return std::unexpected(unexpected_shape(what, body.error()));
  response.body = body->value_or("");
  return decode_response(response, what);
}

}  // namespace

std::vector<core::Result<nlohmann::json>> GraphClient::batch(const std::vector<GraphRequest>& requests,
                                                             bool idempotent) {
  std::vector<std::vector<GraphRequest>> chunks;
  std::vector<GraphRequest> envelopes;
  for (size_t start = 0; start < requests.size(); start += kMaxBatchSize) {
    const size_t end = std::min(requests.size(), start + kMaxBatchSize);
    chunks.emplace_back(requests.begin() + start, requests.begin() + end);
    auto items = nlohmann::json::array();
    for (const auto& request : chunks.back()) items.push_back(batch_item(request));
    envelopes.push_back(batch_envelope(items, idempotent));
  }
  // The chunks are independent: their first sending overlaps on the wire (curl multi when live).
  auto answers = transport_->send_all(envelopes);
  std::vector<core::Result<nlohmann::json>> results;
  results.reserve(requests.size());
  for (size_t k = 0; k < chunks.size(); ++k) {
    auto chunk = batch_chunk(chunks[k], idempotent, decode(std::move(answers[k]), "the batch request", BodyShape::Array));
    for (auto& result : chunk) results.push_back(std::move(result));
  }
  return results;
}

std::vector<core::Result<nlohmann::json>> GraphClient::batch_chunk(const std::vector<GraphRequest>& requests,
                                                                   bool idempotent,
                                                                   core::Result<nlohmann::json> first_answer) {
  std::vector<std::optional<core::Result<nlohmann::json>>> slots(requests.size());
  std::map<std::string, std::string> made_ids;  // batch name → the id its item made
  // Graph answers `null` for items it did not complete (timeouts inside the batch): re-send just those, a bounded
  // number of times, as Meta's SDKs do.
  constexpr int kMaxRounds = 3;
  for (int round = 0; round < kMaxRounds; ++round) {
    std::vector<size_t> pending;
    for (size_t i = 0; i < slots.size(); ++i) {
      if (!slots[i]) pending.push_back(i);
    }
    if (pending.empty()) break;
    auto items = nlohmann::json::array();
    for (size_t i : pending) items.push_back(batch_item(with_known_results(requests[i], made_ids)));
    // A whole-batch failure decoded from Graph (throttle, auth) means nothing ran, so it is safe to retry; a
    // network failure after sending leaves writes' fate unknown.
    auto response =
        round == 0 ? std::move(first_answer) : call(batch_envelope(items, idempotent), BodyShape::Array);
    if (round == 0 && !response && idempotent && is_retryable(response.error())) {
      response = call(batch_envelope(items, true), BodyShape::Array);
    }
    if (!response || !response->is_array() || response->size() != pending.size()) {
      core::Error error = response ? unexpected_shape("the batch request",
                                                      "it holds " + std::to_string(response->size()) +
                                                          " answers for " + std::to_string(pending.size()) +
                                                          " requests")
                                   : response.error();
      if (!idempotent && (error.kind == core::ErrorKind::Network || is_unexpected_shape(error))) {
        if (error.message.rfind("outcome unknown", 0) != 0) error.message = "outcome unknown: " + error.message;
        error.hint = "the change may or may not have been applied; read the objects before trying again";
      }
      for (size_t i : pending) slots[i] = std::unexpected(error);
      break;
    }
    for (size_t k = 0; k < pending.size(); ++k) {
      const auto& item = (*response)[k];
      if (item.is_null()) continue;  // not completed: next round
      slots[pending[k]] = decode_item(item, requests[pending[k]], pending[k]);
      const auto& done = *slots[pending[k]];
      if (done && !requests[pending[k]].batch_name.empty()) {
        if (const auto id = read_string(*done, "id"); id && *id) made_ids[requests[pending[k]].batch_name] = **id;
      }
    }
  }
  std::vector<core::Result<nlohmann::json>> results;
  for (auto& slot : slots) {
    results.push_back(slot ? std::move(*slot)
                           : core::Result<nlohmann::json>(std::unexpected(core::Error{
                                 core::ErrorKind::GraphApi, "Graph did not complete this batch item after retries",
                                 "try this item again", {}, std::nullopt, nullptr})));
  }
  return results;
}

}  // namespace fbmcp::graph
