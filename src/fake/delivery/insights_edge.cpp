#include "fake/delivery/insights_edge.hpp"

#include "core/json_read.hpp"
#include "fake/delivery/insights_rows.hpp"
#include "fake/edge_listing.hpp"
#include "graph/form_encoding.hpp"

namespace fbmcp::fake::delivery {
namespace {

constexpr const char* kReportKey = "__report";  // the query a run answers; internal, never a Graph field
constexpr const char* kAsyncSteps[] = {"Job Not Started", "Job Started", "Job Running", "Job Completed"};
constexpr int kAsyncPercents[] = {0, 0, 50, 100};

std::string level_of(const std::string& type) {
  if (type == "adaccount") return "account";
  return type;  // campaign, adset, ad
}

// Every ad under the node (their past delivery counts even when deleted since), and the account they belong to.
InsightsScope scope_of(const ObjectStore& store, const Node& node) {
  InsightsScope scope;
  const std::string account_id = core::string_or_empty(node.data, "account_id");
  scope.account = store.find("act_" + account_id);
  const std::string id = core::string_or_empty(node.data, "id");
  if (node.type == "ad") {
    scope.ads.push_back(&node);
    return scope;
  }
  const std::string link = node.type == "adaccount" ? "account_id" : node.type + "_id";
  const std::string value = node.type == "adaccount" ? account_id : id;
  scope.ads = store.select("ad", [&](const Node& n) { return core::string_or_empty(n.data, link) == value; });
  return scope;
}

std::expected<std::pair<InsightsQuery, InsightsScope>, GraphError> prepare(const WriteContext& ctx, const Node& node,
                                                                          const ParamMap& params, int64_t now) {
  auto scope = scope_of(ctx.store, node);
  if (!scope.account) return std::unexpected(unsupported_request("GET", core::string_or_empty(node.data, "id") + "/insights"));
  const AccountClock clock = clock_of_account(scope.account->data);
  auto query = parse_insights_query(params, ctx.model, level_of(node.type), clock.day_of(now));
  if (!query) return std::unexpected(query.error());
  return std::pair{std::move(*query), std::move(scope)};
}

std::expected<nlohmann::json, GraphError> page_of(const InsightsAnswer& answer, const InsightsQuery& query,
                                                  const ParamMap& params, const std::string& next_base) {
  size_t start = 0;
  if (!query.after.empty()) {
    const std::string position = decode_cursor(query.after);
    if (position.empty() || position.size() > 9 ||
        position.find_first_not_of("0123456789") != std::string::npos) {
      return std::unexpected(invalid_cursor());
    }
    start = std::stoul(position) + 1;
  }
  start = std::min(start, answer.rows.size());
  const size_t end = std::min(answer.rows.size(), start + query.limit);
  nlohmann::json body = {{"data", nlohmann::json::array()}};
  for (size_t i = start; i < end; ++i) body["data"].push_back(nlohmann::json::parse(answer.rows[i]));
  if (start < end) {
    nlohmann::json paging = {{"cursors", {{"before", encode_cursor(std::to_string(start))},
                                          {"after", encode_cursor(std::to_string(end - 1))}}}};
    if (end < answer.rows.size()) {
      std::vector<std::pair<std::string, std::string>> link_params;
      for (const auto& [key, value] : params) {
        if (key != "after" && key != "before") link_params.emplace_back(key, value);
      }
      link_params.emplace_back("after", paging["cursors"]["after"].get<std::string>());
      paging["next"] = next_base + "?" + graph::form_encode(link_params);
    }
    body["paging"] = paging;
  }
  if (!answer.summary.is_null()) body["summary"] = answer.summary;
  return body;
}

}  // namespace

bool has_insights_edge(const std::string& type) {
  return type == "adaccount" || type == "campaign" || type == "adset" || type == "ad";
}

std::expected<InsightsResult, GraphError> read_insights(const InsightsCall& call) {
  auto prepared = prepare(call.ctx, call.node, call.params, call.now);
  if (!prepared) return std::unexpected(prepared.error());
  auto& [query, scope] = *prepared;
  InsightsResult result;
  result.account_id = core::string_or_empty(scope.account->data, "account_id");
  result.cells = insights_cost(query, scope, call.ctx.targeting);
  if (result.cells > kSynchronousCellLimit) {
    // Meta's answer to a synchronous query it will not compute (graph-api-facts §3, [obs]): ask for less, or use
    // an async report (POST the same parameters).
    GraphError e;
    e.code = 100;
    e.error_subcode = 1487534;
    e.message = "Please reduce the amount of data you're asking for, then retry your request";
    return std::unexpected(e);
  }
  // Pages of one question are read one request after another: the answer is computed once and kept until the
  // world changes or another question is asked.
  std::string key = core::string_or_empty(call.node.data, "id") + "|" + std::to_string(call.now);
  for (const auto& [name, value] : call.params) {
    if (name != "after" && name != "limit" && name != "access_token" && name != "appsecret_proof") key += "|" + name + "=" + value;
  }
  std::shared_ptr<const InsightsAnswer> answer;
  if (call.reports && call.reports->last_key == key && call.reports->last_version == call.reports->world_version) {
    answer = call.reports->last_answer;
    result.cells = 1;  // a page of an answer already computed weighs like any small read
  } else {
    answer = std::make_shared<const InsightsAnswer>(answer_insights(query, scope, call.ctx.store, call.ctx.targeting, call.now));
    if (call.reports) {
      call.reports->last_key = key;
      call.reports->last_version = call.reports->world_version;
      call.reports->last_answer = answer;
    }
  }
  auto body = page_of(*answer, query, call.params, call.next_base);
  if (!body) return std::unexpected(body.error());
  result.body = std::move(*body);
  return result;
}

std::expected<InsightsResult, GraphError> start_insights_report(const InsightsCall& call) {
  auto prepared = prepare(call.ctx, call.node, call.params, call.now);
  if (!prepared) return std::unexpected(prepared.error());
  auto& [query, scope] = *prepared;
  InsightsResult result;
  result.account_id = core::string_or_empty(scope.account->data, "account_id");
  result.cells = 1;  // starting a report is cheap; reading its rows is what weighs
  nlohmann::json saved = nlohmann::json::object();
  for (const auto& [key, value] : call.params) {
    if (key != "access_token" && key != "appsecret_proof" && key != "after" && key != "limit") saved[key] = value;
  }
  const std::string id = call.ctx.store.allocate_id();
  Day since = query.ranges.front().since, until = query.ranges.front().until;
  for (const auto& range : query.ranges) since = std::min(since, range.since), until = std::max(until, range.until);
  call.ctx.store.insert(kReportRunType,
                        {{"id", id},
                         {"account_id", result.account_id},
                         {"async_status", kAsyncSteps[0]},
                         {"async_percent_completion", kAsyncPercents[0]},
                         {"is_running", true},
                         {"date_start", format_day(since)},
                         {"date_stop", format_day(until)},
                         {"time_ref", call.now},
                         {kReportKey, {{"object", core::string_or_empty(call.node.data, "id")}, {"params", saved}, {"step", 0}}}});
  result.body = {{"report_run_id", id}};
  return result;
}

bool advance_report_run(Node& node, int64_t now) {
  if (node.type != kReportRunType || !node.data.contains(kReportKey)) return false;
  auto& report = node.data[kReportKey];
  const int step = report.value("step", 0);
  // The read shows the current step; the next read the one after (so a client sees every state once).
  const int shown = std::min(step, 3);
  node.data["async_status"] = kAsyncSteps[shown];
  node.data["async_percent_completion"] = kAsyncPercents[shown];
  node.data["is_running"] = shown < 3;
  if (shown == 3 && !node.data.contains("time_completed")) node.data["time_completed"] = now;
  if (step >= 4) return false;
  report["step"] = step + 1;
  return true;
}

std::expected<InsightsResult, GraphError> read_report_rows(const InsightsCall& call) {
  const auto& report = call.node.data.value(kReportKey, nlohmann::json::object());
  if (core::string_or_empty(call.node.data, "async_status") != "Job Completed") {
    // Graph's exact answer to reading an unfinished run is not documented; code 100 naming the state is what the
    // emulator says.
    return std::unexpected(invalid_param("report_run_id", "The report is not ready: async_status is " +
                                                              core::string_or_empty(call.node.data, "async_status") +
                                                              "; poll GET /" + core::string_or_empty(call.node.data, "id") +
                                                              " until Job Completed"));
  }
  const Node* object = call.ctx.store.find(core::string_or_empty(report, "object"));
  if (!object) return std::unexpected(unsupported_request("GET", core::string_or_empty(call.node.data, "id") + "/insights"));
  ParamMap params;
  const nlohmann::json saved = report.value("params", nlohmann::json::object());
  for (const auto& [key, value] : saved.items()) {
    if (value.is_string()) params[key] = value.get<std::string>();
  }
  for (const char* paging : {"after", "limit"}) {
    if (auto value = param(call.params, paging)) params[paging] = *value;
  }
  const int64_t then = call.node.data.value("time_ref", call.now);
  auto prepared = prepare(call.ctx, *object, params, then);
  if (!prepared) return std::unexpected(prepared.error());
  auto& [query, scope] = *prepared;
  InsightsResult result;
  result.account_id = core::string_or_empty(scope.account->data, "account_id");
  const std::string run_id = core::string_or_empty(call.node.data, "id");
  std::shared_ptr<const InsightsAnswer> cached;
  if (call.reports) {
    if (const auto found = call.reports->by_run.find(run_id); found != call.reports->by_run.end()) cached = found->second;
  }
  if (!cached) {
    result.cells = insights_cost(query, scope, call.ctx.targeting);
    cached = std::make_shared<const InsightsAnswer>(answer_insights(query, scope, call.ctx.store, call.ctx.targeting, then));
    if (call.reports) call.reports->by_run[run_id] = cached;
  }
  const InsightsAnswer& answer = *cached;
  ParamMap link_params;
  for (const char* kept : {"access_token", "limit"}) {
    if (auto value = param(call.params, kept)) link_params[kept] = *value;
  }
  auto body = page_of(answer, query, link_params, call.next_base);
  if (!body) return std::unexpected(body.error());
  result.body = std::move(*body);
  return result;
}

}  // namespace fbmcp::fake::delivery
