#include "graph/graph_client.hpp"

#include <chrono>
#include <random>
#include <thread>

#include "core/log.hpp"
#include "graph/error_table.hpp"
#include "graph/list_page.hpp"
#include "graph/resume_point.hpp"

namespace fbmcp::graph {

GraphClient::GraphClient(std::shared_ptr<Transport> transport, RetryPolicy retry)
    : transport_(std::move(transport)), retry_(std::move(retry)) {
  if (!retry_.sleep) {
    retry_.sleep = [](int ms) { std::this_thread::sleep_for(std::chrono::milliseconds(ms)); };
  }
}

core::Result<nlohmann::json> GraphClient::get(const std::string& path, const Params& params) {
  return call(GraphRequest{"GET", path, params, {}, true});
}

core::Result<nlohmann::json> GraphClient::post(const std::string& path, const Params& params, Idempotent idempotent) {
  return call(GraphRequest{"POST", path, params, {}, idempotent == Idempotent::Yes});
}

core::Result<nlohmann::json> GraphClient::del(const std::string& path, const Params& params) {
  return call(GraphRequest{"DELETE", path, params, {}, true});  // deleting twice leaves the same state
}

core::Result<nlohmann::json> GraphClient::send_once(const GraphRequest& request) {
  if (const int pause = pacer_.delay_ms(); pause > 0) retry_.sleep(pause);
  return call_once(request, BodyShape::Object);
}

core::Result<nlohmann::json> GraphClient::call(const GraphRequest& request, BodyShape shape) {
  static thread_local std::mt19937 jitter_source{std::random_device{}()};
  const bool retryable = request.may_resend();
  for (int attempt = 1;; ++attempt) {
    if (const int pause = pacer_.delay_ms(); pause > 0) {
      core::log(core::LogLevel::Info, "graph", "usage at " + std::to_string(static_cast<int>(pacer_.utilisation())) +
                                                   "% of Meta's limit; pacing " + std::to_string(pause) + " ms");
      retry_.sleep(pause);
    }
    auto result = call_once(request, shape);
    if (!result && result.error().kind == core::ErrorKind::RateLimited && attempt < retry_.max_attempts) {
      // 64-bit and compared in seconds: Meta's wait comes from outside and may be days long.
      const auto& detail = result.error().detail;
      const int64_t wait_s = detail.is_object() && detail.contains("retry_after_seconds") &&
                                     detail["retry_after_seconds"].is_number_integer()
                                 ? detail["retry_after_seconds"].get<int64_t>()
                                 : -1;
      if (wait_s >= 0 && wait_s <= retry_.max_throttle_wait_ms / 1000) {
        core::log(core::LogLevel::Notice, "graph", "throttled by Meta; waiting " + std::to_string(wait_s) + " s as asked");
        retry_.sleep(std::max(static_cast<int>(wait_s) * 1000, retry_.base_delay_ms));
        continue;
      }
    }
    if (result || !retryable || attempt >= retry_.max_attempts || !is_retryable(result.error())) return result;
    const int backoff = retry_.base_delay_ms << (attempt - 1);
    const int delay = backoff / 2 + static_cast<int>(jitter_source() % static_cast<unsigned>(backoff / 2 + 1));
    core::log(core::LogLevel::Info, "graph",
              request.method + " " + request.path + " failed (" + result.error().message + "), retry " +
                  std::to_string(attempt) + " in " + std::to_string(delay) + " ms");
    retry_.sleep(delay);
  }
}

core::Result<nlohmann::json> GraphClient::call_once(const GraphRequest& request, BodyShape shape) {
  return decode(transport_->send(request), request.path.empty() ? "the batch request" : request.path, shape);
}

core::Result<nlohmann::json> GraphClient::decode(core::Result<HttpResponse> response, std::string_view what,
                                                 BodyShape shape) {
  if (!response) return std::unexpected(response.error());
  pacer_.record(response->headers);
  return decode_response(*response, what, shape);
}

core::Result<ListPage> GraphClient::list(const std::string& path, Params params, size_t limit,
                                         const std::function<bool(const nlohmann::json&)>& keep) {
  ListPage page;
  // Bound the walk: with a client-side filter a sparse match could otherwise read a whole account.
  constexpr int kMaxRequests = 50;
  ResumePoint at;
  std::string callers_cursor;
  if (const auto* after = params.find("after")) {
    callers_cursor = *after;
    auto parsed = parse_resume_point(callers_cursor, kMaxPageSize);
    if (!parsed) return std::unexpected(parsed.error());
    at = std::move(*parsed);
  }
  // Without a filter, one page of exactly the wanted size (plus what a resume skips) suffices.
  const size_t page_size = std::min(keep ? kMaxPageSize : std::max<size_t>(limit + at.skip, 1), kMaxPageSize);
  params.set("limit", std::to_string(page_size));
  while (page.requests < kMaxRequests) {
    if (at.graph_cursor.empty()) params.erase("after");
    else params.set("after", at.graph_cursor);
    auto body = get(path, params);
    ++page.requests;
    if (!body) {
      // Graph refusing the caller's own cursor (expired, or from another list) is the caller's argument at fault.
      const bool callers = page.requests == 1 && !at.graph_cursor.empty();
      const auto& e = body.error();
      if (callers && e.kind == core::ErrorKind::InvalidArgs && e.path == "after") {
        auto refused = invalid_cursor(callers_cursor, "Graph refused it: " + e.message);
        refused.graph = e.graph;
        return std::unexpected(refused);
      }
      return std::unexpected(e);
    }
    auto parsed = parse_edge_page(*body, path);
    if (!parsed) return std::unexpected(parsed.error());
    auto& data = parsed->items;
    const std::string next_cursor = parsed->next_cursor.value_or("");
    for (size_t i = at.skip; i < data.size(); ++i) {
      if (keep && !keep(data[i])) continue;
      page.items.push_back(std::move(data[i]));
      const bool page_end = i + 1 == data.size();
      page.resume_after.push_back(page_end && !next_cursor.empty() ? next_cursor
                                                                   : format_resume_point({at.graph_cursor, i + 1}));
      if (page.items.size() < limit) continue;
      if (i + 1 < data.size()) page.after = format_resume_point({at.graph_cursor, i + 1});
      else if (!next_cursor.empty()) page.after = next_cursor;
      return page;
    }
    if (next_cursor.empty()) return page;
    at = {next_cursor, 0};
  }
  page.after = format_resume_point(at);
  return page;
}

}  // namespace fbmcp::graph
