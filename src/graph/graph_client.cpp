#include "graph/graph_client.hpp"

#include <chrono>
#include <random>
#include <thread>

#include "core/log.hpp"
#include "graph/error_table.hpp"

namespace fbmcp::graph {

GraphClient::GraphClient(std::shared_ptr<Transport> transport, RetryPolicy retry)
    : transport_(std::move(transport)), retry_(std::move(retry)) {
  if (!retry_.sleep) {
    retry_.sleep = [](int ms) { std::this_thread::sleep_for(std::chrono::milliseconds(ms)); };
  }
}

core::Result<nlohmann::json> GraphClient::get(const std::string& path, const Params& params) {
  return call(GraphRequest{"GET", path, params}, true);
}

core::Result<nlohmann::json> GraphClient::post(const std::string& path, const Params& params) {
  return call(GraphRequest{"POST", path, params}, false);
}

core::Result<nlohmann::json> GraphClient::del(const std::string& path, const Params& params) {
  return call(GraphRequest{"DELETE", path, params}, true);  // deleting twice leaves the same state
}

core::Result<nlohmann::json> GraphClient::call(const GraphRequest& request, bool retryable) {
  static thread_local std::mt19937 jitter_source{std::random_device{}()};
  for (int attempt = 1;; ++attempt) {
    if (const int pause = pacer_.delay_ms(); pause > 0) {
      core::log(core::LogLevel::Info, "graph", "usage at " + std::to_string(static_cast<int>(pacer_.utilisation())) +
                                                   "% of Meta's limit; pacing " + std::to_string(pause) + " ms");
      retry_.sleep(pause);
    }
    auto result = call_once(request);
    if (!result && result.error().kind == core::ErrorKind::RateLimited && attempt < retry_.max_attempts) {
      const int wait_s = result.error().detail.is_object() ? result.error().detail.value("retry_after_seconds", -1) : -1;
      if (wait_s >= 0 && wait_s * 1000 <= retry_.max_throttle_wait_ms) {
        core::log(core::LogLevel::Notice, "graph", "throttled by Meta; waiting " + std::to_string(wait_s) + " s as asked");
        retry_.sleep(std::max(wait_s * 1000, retry_.base_delay_ms));
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

core::Result<nlohmann::json> GraphClient::call_once(const GraphRequest& request) {
  return decode(transport_->send(request));
}

core::Result<nlohmann::json> GraphClient::decode(core::Result<HttpResponse> response) {
  if (!response) return std::unexpected(response.error());
  pacer_.record(response->headers);
  // Graph has answered with text/javascript content types: parse the body whatever the header says.
  auto body = nlohmann::json::parse(response->body, nullptr, false);
  if (body.is_discarded()) {
    core::Error error{core::ErrorKind::Network,
                      "Graph answered HTTP " + std::to_string(response->status) + " with a body that is not JSON",
                      "a proxy or outage at Meta; try again shortly",
                      {},
                      std::nullopt,
                      nullptr};
    // A truncated or non-JSON body is a transport problem (proxy page, cut connection): retryable for reads.
    return std::unexpected(error);
  }
  if (auto error = decode_graph_error(body, response->status, response->headers)) return std::unexpected(*error);
  if (response->status >= 500) {
    return core::fail(core::ErrorKind::Network, "Graph answered HTTP " + std::to_string(response->status),
                      "a temporary problem at Meta; try again shortly");
  }
  return body;
}

namespace {

// Our continuation cursor: Graph's cursor for the page we were reading plus how many of that page's items were
// already consumed. Graph cursors sit on page boundaries, while a caller's `limit` (with client-side filters) can end
// mid-page; "!" never occurs in Graph's base64 cursors.
struct ResumePoint {
  std::string graph_cursor;
  size_t skip = 0;
};

ResumePoint parse_resume_point(const std::string& cursor) {
  const auto bang = cursor.rfind('!');
  if (bang == std::string::npos) return {cursor, 0};
  ResumePoint point{cursor.substr(0, bang), 0};
  try {
    point.skip = std::stoul(cursor.substr(bang + 1));
  } catch (...) {
    point.skip = 0;
  }
  return point;
}

std::string format_resume_point(const ResumePoint& point) {
  return point.skip == 0 ? point.graph_cursor : point.graph_cursor + "!" + std::to_string(point.skip);
}

}  // namespace

core::Result<ListPage> GraphClient::list(const std::string& path, Params params, size_t limit,
                                         const std::function<bool(const nlohmann::json&)>& keep) {
  ListPage page;
  // Bound the walk: with a client-side filter a sparse match could otherwise read a whole account.
  constexpr int kMaxRequests = 50;
  ResumePoint at;
  if (const auto* after = params.find("after")) at = parse_resume_point(*after);
  // Without a filter, one page of exactly the wanted size (plus what a resume skips) suffices.
  const size_t page_size = std::min(keep ? kMaxPageSize : std::max<size_t>(limit + at.skip, 1), kMaxPageSize);
  params.set("limit", std::to_string(page_size));
  while (page.requests < kMaxRequests) {
    if (at.graph_cursor.empty()) params.erase("after");
    else params.set("after", at.graph_cursor);
    auto body = get(path, params);
    ++page.requests;
    if (!body) return std::unexpected(body.error());
    const auto& data = (*body)["data"];
    if (!data.is_array()) {
      return core::fail(core::ErrorKind::GraphApi, "Graph's answer for " + path + " has no data list");
    }
    // End of data is the absence of `next`, not a short page (privacy filtering can shorten pages).
    const auto paging = body->value("paging", nlohmann::json::object());
    std::string next_cursor;
    if (paging.contains("next") && paging.contains("cursors")) next_cursor = paging["cursors"].value("after", "");
    for (size_t i = at.skip; i < data.size(); ++i) {
      if (keep && !keep(data[i])) continue;
      page.items.push_back(data[i]);
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
