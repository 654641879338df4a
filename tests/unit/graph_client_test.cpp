#include <catch2/catch.hpp>

#include <deque>

#include "graph/graph_client.hpp"
#include "support/fake_services.hpp"

using namespace fbmcp;
using nlohmann::json;

namespace {

// Plays back scripted responses and records requests.
class ScriptedTransport : public graph::Transport {
 public:
  std::deque<core::Result<graph::HttpResponse>> script;
  std::vector<graph::GraphRequest> seen;
  core::Result<graph::HttpResponse> send(const graph::GraphRequest& request) override {
    seen.push_back(request);
    auto next = script.front();
    script.pop_front();
    return next;
  }
};

graph::HttpResponse http(int status, json body) { return {status, {}, body.dump()}; }

graph::RetryPolicy no_wait() {
  graph::RetryPolicy policy;
  policy.sleep = [](int) {};
  return policy;
}

}  // namespace

TEST_CASE("reads retry transient errors and 5xx, then succeed", "[graph][retry]") {
  auto transport = std::make_shared<ScriptedTransport>();
  transport->script.push_back(http(500, {{"error", {{"code", 2}, {"message", "Service"}, {"is_transient", true}}}}));
  transport->script.push_back(http(502, json::object()));
  transport->script.push_back(http(200, {{"id", "1"}}));
  graph::GraphClient client(transport, no_wait());
  auto r = client.get("1");
  REQUIRE(r);
  CHECK((*r)["id"] == "1");
  CHECK(transport->seen.size() == 3);
}

TEST_CASE("writes are not blindly retried", "[graph][retry]") {
  auto transport = std::make_shared<ScriptedTransport>();
  transport->script.push_back(http(500, {{"error", {{"code", 1}, {"message", "Unknown"}}}}));
  graph::GraphClient client(transport, no_wait());
  CHECK_FALSE(client.post("act_1/campaigns", {{"name", "x"}}));
  CHECK(transport->seen.size() == 1);
}

TEST_CASE("a non-JSON body is a clear error, not a crash", "[graph]") {
  auto transport = std::make_shared<ScriptedTransport>();
  for (int i = 0; i < 3; ++i) transport->script.push_back(graph::HttpResponse{502, {}, "<html>Bad gateway</html>"});
  graph::GraphClient client(transport, no_wait());
  auto r = client.get("1");
  REQUIRE_FALSE(r);
  CHECK(r.error().kind == core::ErrorKind::Network);
}

TEST_CASE("list follows cursors to the caller's limit and hands back a resumable cursor", "[graph][paging]") {
  auto services = testing::fake_services();
  auto accounts = services->graph->get("me/adaccounts", {{"fields", "currency"}, {"limit", "100"}});
  REQUIRE(accounts);
  std::string act;
  for (const auto& a : (*accounts)["data"]) {
    if (a["currency"] == "USD") act = a["id"];
  }
  auto everything = services->graph->list(act + "/campaigns", {}, 1000);
  REQUIRE(everything);
  const auto total = everything->items.size();
  REQUIRE(total >= 5);

  // Walk in pages of 2 with a client-side filter that keeps everything: same items, same order.
  std::vector<std::string> walked;
  graph::Params params;
  for (int guard = 0; guard < 100; ++guard) {
    auto page = services->graph->list(act + "/campaigns", params, 2, [](const json&) { return true; });
    REQUIRE(page);
    for (const auto& c : page->items) walked.push_back(c["id"]);
    if (!page->after) break;
    params.set("after", *page->after);
  }
  REQUIRE(walked.size() == total);
  for (size_t i = 0; i < total; ++i) CHECK(walked[i] == everything->items[i]["id"]);
}
