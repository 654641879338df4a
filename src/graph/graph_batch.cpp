// GraphClient::batch — many Graph calls in few HTTP requests.
#include <map>

#include "graph/error_table.hpp"
#include "graph/form_encoding.hpp"
#include "graph/graph_client.hpp"

namespace fbmcp::graph {
namespace {

// Graph relative_url: path plus query for GET/DELETE; POST params travel in `body` (urlencoded).
nlohmann::json batch_item(const GraphRequest& request) {
  nlohmann::json item = {{"method", request.method}};
  if (!request.batch_name.empty()) {
    item["name"] = request.batch_name;
    item["omit_response_on_success"] = false;  // Graph omits named results by default; callers want them
  }
  const std::string query = form_encode(request.params.items());
  if (request.method == "POST") {
    item["relative_url"] = request.path;
    item["body"] = query;
  } else {
    item["relative_url"] = query.empty() ? request.path : request.path + "?" + query;
  }
  return item;
}

GraphRequest batch_envelope(const nlohmann::json& items) {
  return GraphRequest{"POST", "", Params{{"batch", items}, {"include_headers", "true"}}};
}

core::Result<nlohmann::json> decode_item(const nlohmann::json& item) {
  const int code = item.value("code", 0);
  std::map<std::string, std::string> headers;
  for (const auto& header : item.value("headers", nlohmann::json::array())) {
    std::string name = header.value("name", "");
    std::transform(name.begin(), name.end(), name.begin(), [](unsigned char c) { return std::tolower(c); });
    headers[name] = header.value("value", "");
  }
  const auto body = nlohmann::json::parse(item.value("body", ""), nullptr, false);
  if (body.is_discarded()) {
    return core::fail(core::ErrorKind::GraphApi, "a batch item came back without a JSON body (HTTP " +
                                                     std::to_string(code) + ")");
  }
  if (auto error = decode_graph_error(body, code, headers)) return std::unexpected(*error);
  return body;
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
    envelopes.push_back(batch_envelope(items));
  }
  // The chunks are independent: their first sending overlaps on the wire (curl multi when live).
  auto answers = transport_->send_all(envelopes);
  std::vector<core::Result<nlohmann::json>> results;
  results.reserve(requests.size());
  for (size_t k = 0; k < chunks.size(); ++k) {
    auto chunk = batch_chunk(chunks[k], idempotent, decode(std::move(answers[k])));
    for (auto& result : chunk) results.push_back(std::move(result));
  }
  return results;
}

std::vector<core::Result<nlohmann::json>> GraphClient::batch_chunk(const std::vector<GraphRequest>& requests,
                                                                   bool idempotent,
                                                                   core::Result<nlohmann::json> first_answer) {
  std::vector<std::optional<core::Result<nlohmann::json>>> slots(requests.size());
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
    for (size_t i : pending) items.push_back(batch_item(requests[i]));
    // A whole-batch failure decoded from Graph (throttle, auth) means nothing ran, so it is safe to retry; a
    // network failure after sending leaves writes' fate unknown.
    auto response = round == 0 ? std::move(first_answer) : call(batch_envelope(items), idempotent);
    if (round == 0 && !response && idempotent && is_retryable(response.error())) {
      response = call(batch_envelope(items), true);
    }
    if (!response || !response->is_array() || response->size() != pending.size()) {
      core::Error error = response ? core::Error{core::ErrorKind::GraphApi, "Graph's batch answer has the wrong shape",
                                                 "try again with fewer items", {}, std::nullopt, nullptr}
                                   : response.error();
      if (!response && error.kind == core::ErrorKind::Network && !idempotent) {
        error.message = "outcome unknown: " + error.message;
        error.hint = "the change may or may not have been applied; read the objects before trying again";
      }
      for (size_t i : pending) slots[i] = std::unexpected(error);
      break;
    }
    for (size_t k = 0; k < pending.size(); ++k) {
      const auto& item = (*response)[k];
      if (item.is_null()) continue;  // not completed: next round
      slots[pending[k]] = decode_item(item);
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
