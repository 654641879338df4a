#include "fake/async_requests.hpp"

#include "core/json_read.hpp"
#include "fake/rules/copy_rules.hpp"
#include "graph/form_encoding.hpp"

namespace fbmcp::fake {
namespace {

// "Each API call can have a maximum of 1000 requests" (FBD/marketing-api/asyncrequests, async batch requests).
constexpr size_t kMaxAsyncBatchRequests = 1000;
constexpr const char* kAsyncRequestsKey = "__requests";
constexpr const char* kAsyncReadsKey = "__reads";

std::expected<nlohmann::json, GraphError> make_request_set(WriteContext& ctx, const Node& account,
                                                           const ParamMap& params, const AsyncRunner& run) {
  const auto name = param(params, "name");
  if (!name || name->empty()) return std::unexpected(missing_param("name"));
  const auto batch = json_param(params, "adbatch");
  if (!batch) return std::unexpected(missing_param("adbatch"));
  if (!batch->is_array() || batch->empty()) {
    return std::unexpected(invalid_param("adbatch", "adbatch must be a non-empty list of {name, relative_url, body}"));
  }
  if (batch->size() > kMaxAsyncBatchRequests) {
    return std::unexpected(invalid_param("adbatch", "An asynchronous batch takes at most 1000 requests"));
  }
  for (const auto& item : *batch) {
    if (!item.is_object() || core::string_or_empty(item, "relative_url").empty()) {
      return std::unexpected(invalid_param("adbatch", "each adbatch item needs a relative_url (and a body)"));
    }
  }
  const std::string set_id = ctx.store.allocate_id();
  // Read before the requests run: they write to the same store.
  const std::string account_id = core::string_or_empty(account.data, "account_id");
  const std::string owner_id = core::string_or_empty(account.data, "id");
  auto requests = nlohmann::json::array();
  size_t succeeded = 0;
  {
    const AsyncCopyScope async_copies;  // copies in the set take up to 51 ads
    for (const auto& item : *batch) {
      std::string url = core::string_or_empty(item, "relative_url");
      ParamMap item_params;
      if (const auto q = url.find('?'); q != std::string::npos) {
        item_params = graph::form_decode(url.substr(q + 1));
        url = url.substr(0, q);
      }
      for (auto& [key, value] : graph::form_decode(core::string_or_empty(item, "body"))) item_params[key] = value;
      for (const char* inherited : {"access_token", "appsecret_proof"}) {
        if (params.count(inherited) && !item_params.count(inherited)) item_params[inherited] = params.at(inherited);
      }
      auto [status, body] = run("POST", url, item_params);
      const bool ok = status == 200 && !body.contains("error");
      if (ok) ++succeeded;
      // AdAsyncRequest (PSDK adobjects/adasyncrequest.py): id, async_request_set, status, result, input.
      requests.push_back({{"id", ctx.store.allocate_id()},
                          {"name", core::string_or_empty(item, "name")},
                          {"async_request_set", {{"id", set_id}}},
                          {"status", ok ? "SUCCESS" : "ERROR"},
                          {"result", body},
                          {"created_time", ctx.now},
                          {"updated_time", ctx.now}});
    }
  }
  const size_t total = requests.size();
  ctx.store.insert(kAsyncRequestSetType, {{"id", set_id},
                                          {"name", *name},
                                          {"account_id", account_id},
                                          {"owner_id", owner_id},
                                          {"created_time", ctx.now},
                                          {"updated_time", ctx.now},
                                          {"total_count", total},
                                          {"success_count", succeeded},
                                          {"error_count", total - succeeded},
                                          {kAsyncRequestsKey, requests},
                                          {kAsyncReadsKey, 0}});
  return nlohmann::json{{"id", set_id}};
}

// The set as a read sees it: still in progress on its first read, done afterwards.
nlohmann::json set_view(const nlohmann::json& data, bool in_progress) {
  const size_t total = data.value("total_count", 0);
  nlohmann::json view = {{"id", data.value("id", "")},
                         {"name", data.value("name", "")},
                         {"owner_id", data.value("owner_id", "")},
                         {"created_time", data.value("created_time", "")},
                         {"updated_time", data.value("updated_time", "")},
                         {"total_count", total},
                         {"initial_count", 0},
                         {"canceled_count", 0}};
  if (in_progress) {
    view["is_completed"] = false;
    view["in_progress_count"] = total;
    view["success_count"] = 0;
    view["error_count"] = 0;
  } else {
    view["is_completed"] = true;
    view["in_progress_count"] = 0;
    view["success_count"] = data.value("success_count", 0);
    view["error_count"] = data.value("error_count", 0);
  }
  return view;
}

std::vector<std::string> requested_fields(const ParamMap& params) {
  std::vector<std::string> fields;
  const std::string text = param(params, "fields").value_or("");
  size_t start = 0;
  while (start <= text.size()) {
    const size_t comma = text.find(',', start);
    const std::string field = text.substr(start, comma == std::string::npos ? std::string::npos : comma - start);
    if (!field.empty()) fields.push_back(field);
    if (comma == std::string::npos) break;
    start = comma + 1;
  }
  return fields;
}

std::expected<nlohmann::json, GraphError> only_fields(const nlohmann::json& full, const ParamMap& params,
                                                      const std::vector<std::string>& defaults) {
  auto fields = requested_fields(params);
  if (fields.empty()) fields = defaults;
  nlohmann::json out = {{"id", full.value("id", "")}};
  for (const auto& field : fields) {
    if (!full.contains(field)) {
      GraphError e;
      e.message = "(#100) Tried accessing nonexisting field (" + field + ")";
      return std::unexpected(e);
    }
    out[field] = full[field];
  }
  return out;
}

}  // namespace

std::optional<AsyncAnswer> async_requests(WriteContext& ctx, Node& node, const std::string& method,
                                          const std::vector<std::string>& parts, const ParamMap& params,
                                          const AsyncRunner& run) {
  if (node.type == "adaccount" && parts.size() == 2 && parts[1] == "async_batch_requests") {
    if (method != "POST") return AsyncAnswer{std::unexpected(unsupported_request(method, parts[0] + "/" + parts[1])), false};
    auto made = make_request_set(ctx, node, params, run);
    const bool changed = made.has_value();
    return AsyncAnswer{std::move(made), changed};
  }
  if (node.type != kAsyncRequestSetType) return std::nullopt;
  if (method != "GET") return AsyncAnswer{std::unexpected(unsupported_request(method, parts[0])), false};
  const int reads = node.data.value(kAsyncReadsKey, 0);
  const bool in_progress = reads == 0;
  node.data[kAsyncReadsKey] = reads + 1;
  if (parts.size() == 1) {
    return AsyncAnswer{only_fields(set_view(node.data, in_progress), params, {"name"}), true};
  }
  if (parts[1] != "requests") return AsyncAnswer{std::unexpected(unknown_path("/" + parts[1])), true};
  auto data = nlohmann::json::array();
  const nlohmann::json requests = node.data.value(kAsyncRequestsKey, nlohmann::json::array());
  for (auto request : requests) {
    if (in_progress) {
      request["status"] = "IN_PROGRESS";
      request.erase("result");
      request["result"] = nullptr;
    }
    auto shown = only_fields(request, params, {});
    if (!shown) return AsyncAnswer{std::unexpected(shown.error()), true};
    data.push_back(std::move(*shown));
  }
  return AsyncAnswer{nlohmann::json{{"data", data}}, true};
}

}  // namespace fbmcp::fake
