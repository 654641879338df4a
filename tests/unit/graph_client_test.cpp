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
  for (size_t i = 0; i < total; ++i) CHECK(walked[i] == everything->items[i]["id"].get<std::string>());
}

TEST_CASE("batch sends ≤50 operations per request and keeps per-item results in order", "[graph][batch]") {
  auto services = testing::fake_services();
  std::vector<graph::GraphRequest> reads;
  for (int i = 0; i < 120; ++i) {
    // every 7th id is unknown: its error must stay with its own item
    reads.push_back({"GET", i % 7 == 0 ? "999" : "120210000000000001", {{"fields", "name"}}});
  }
  const auto before = services->emulator->requests_served();
  auto results = services->graph->batch(reads, true);
  // 3 batch envelopes (50 + 50 + 20); the emulator also counts each operation inside them.
  CHECK(services->emulator->requests_served() - before == 3 + 120);
  REQUIRE(results.size() == 120);
  for (int i = 0; i < 120; ++i) {
    INFO(i);
    CHECK(static_cast<bool>(results[i]) == (i % 7 != 0));
  }
}

TEST_CASE("the pacer slows down near Meta's limits and not before", "[graph][ratelimit]") {
  graph::RatePacer pacer;
  pacer.record({{"x-app-usage", R"({"call_count":10,"total_time":5,"total_cputime":5})"}});
  CHECK(pacer.delay_ms() == 0);
  pacer.record({{"x-ad-account-usage", R"({"acc_id_util_pct":90.0,"reset_time_duration":0})"}});
  const int near = pacer.delay_ms();
  CHECK(near > 0);
  pacer.record({{"x-business-use-case-usage", R"({"1":[{"type":"ads_management","call_count":100}]})"}});
  CHECK(pacer.delay_ms() == graph::RatePacer::kMaxDelayMs);
  CHECK(pacer.delay_ms() > near);
  pacer.record({{"x-fb-ads-insights-throttle", R"({"app_id_util_pct":3,"acc_id_util_pct":1})"}});
  CHECK(pacer.delay_ms() == 0);
  pacer.record({{"content-type", "application/json"}});  // no usage headers: nothing new learned
  CHECK(pacer.delay_ms() == 0);
}

TEST_CASE("batch operations can reference an earlier result by name", "[graph][batch]") {
  auto services = testing::fake_services();
  graph::GraphRequest create{"POST", "act_1029384756102938/campaigns",
                             {{"name", "Referenced"}, {"objective", "OUTCOME_SALES"}, {"special_ad_categories", json::array()},
                              {"daily_budget", "5000"}, {"status", "PAUSED"}}};
  create.batch_name = "new_campaign";
  graph::GraphRequest read{"GET", "{result=new_campaign:$.id}", {{"fields", "name,status"}}};
  auto results = services->graph->batch({create, read}, false);
  REQUIRE(results.size() == 2);
  REQUIRE(results[1]);
  CHECK((*results[1])["name"] == "Referenced");
  CHECK((*results[1])["id"] == (*results[0])["id"]);
}

TEST_CASE("idempotent posts retry like reads; plain posts are sent once and marked not re-sendable", "[graph][retry]") {
  auto transport = std::make_shared<ScriptedTransport>();
  transport->script.push_back(http(500, {{"error", {{"code", 2}, {"message", "Service"}, {"is_transient", true}}}}));
  transport->script.push_back(graph::HttpResponse{200, {}, "<html>proxy</html>"});
  transport->script.push_back(http(200, {{"success", true}}));
  graph::GraphClient client(transport, no_wait());
  auto r = client.post("120210000000000001", {{"status", "PAUSED"}}, graph::Idempotent::Yes);
  REQUIRE(r);
  CHECK(transport->seen.size() == 3);
  CHECK(transport->seen[0].may_resend());

  transport->seen.clear();
  transport->script.push_back(http(200, {{"id", "1"}}));
  REQUIRE(client.post("act_1/campaigns", {{"name", "x"}}));
  REQUIRE(transport->seen.size() == 1);
  CHECK_FALSE(transport->seen[0].may_resend());
}

TEST_CASE("a wait of days from Meta is RateLimited with that wait, never an immediate retry", "[graph][ratelimit]") {
  auto transport = std::make_shared<ScriptedTransport>();
  const std::string usage =
      R"({"1":[{"type":"ads_management","call_count":100,"estimated_time_to_regain_access":38880}]})";
  for (int i = 0; i < 3; ++i) {
    transport->script.push_back(graph::HttpResponse{
        400, {{"x-business-use-case-usage", usage}}, R"({"error":{"code":80004,"message":"too many calls"}})"});
  }
  std::vector<int> slept;
  auto policy = no_wait();
  policy.sleep = [&](int ms) { slept.push_back(ms); };
  graph::GraphClient client(transport, policy);
  auto r = client.get("120210000000000001");
  REQUIRE_FALSE(r);
  CHECK(r.error().kind == core::ErrorKind::RateLimited);
  CHECK(r.error().detail["retry_after_seconds"] == 38880LL * 60);
  CHECK(transport->seen.size() == 1);
  CHECK((slept.empty() || slept.front() > 0));
}

TEST_CASE("a cursor that is not valid for this list is InvalidArgs at args.after", "[graph][paging][cursor]") {
  auto services = testing::fake_services();
  const std::string act = "act_1029384756102938";
  auto first = services->graph->list(act + "/campaigns", {}, 2);
  REQUIRE(first);
  REQUIRE(first->after);
  // Malformed: "!" alone, a position that is not a number, nothing at all, spaces.
  for (const std::string cursor : {"!", "x!y", "", "a b", "MQ==!0", "!99999"}) {
    INFO(cursor);
    auto r = services->graph->list(act + "/campaigns", {{"after", cursor}}, 2);
    REQUIRE_FALSE(r);
    CHECK(r.error().kind == core::ErrorKind::InvalidArgs);
    CHECK(r.error().path == "args.after");
    CHECK(r.error().message.find("not a valid cursor for this list") != std::string::npos);
  }
  // Well-formed but from another list (another account's campaigns; an ad-account list): Graph refuses it.
  auto other = services->graph->list("me/adaccounts", {}, 1);
  REQUIRE(other);
  REQUIRE(other->after);
  for (const std::string& foreign : {*other->after, std::string("OTk5OTk5")}) {
    INFO(foreign);
    auto r = services->graph->list(act + "/campaigns", {{"after", foreign}}, 2);
    REQUIRE_FALSE(r);
    CHECK(r.error().kind == core::ErrorKind::InvalidArgs);
    CHECK(r.error().path == "args.after");
  }
  // Its own cursor still continues.
  auto second = services->graph->list(act + "/campaigns", {{"after", *first->after}}, 2);
  REQUIRE(second);
  CHECK_FALSE(second->items.empty());
}

TEST_CASE("a batch item Graph did not complete is re-sent with the ids its references made", "[graph][batch]") {
  auto transport = std::make_shared<ScriptedTransport>();
  const auto item = [](const json& body) {
    return json{{"code", 200}, {"headers", json::array()}, {"body", body.dump()}};
  };
  // Round 1: the campaign is made, the ad set that refers to it is left uncompleted (null); round 2 makes it.
  transport->script.push_back(http(200, json::array({item({{"id", "777"}}), nullptr})));
  transport->script.push_back(http(200, json::array({item({{"id", "888"}})})));
  graph::GraphClient client(transport, no_wait());
  graph::GraphRequest campaign{"POST", "act_1/campaigns", {{"name", "C"}}};
  campaign.batch_name = "campaign";
  graph::GraphRequest adset{"POST", "act_1/adsets", {{"name", "S"}, {"campaign_id", "{result=campaign:$.id}"}}};
  adset.batch_name = "adset";
  auto results = client.batch({campaign, adset}, false);
  REQUIRE(results.size() == 2);
  REQUIRE(results[0]);
  REQUIRE(results[1]);
  CHECK((*results[1])["id"] == "888");
  REQUIRE(transport->seen.size() == 2);
  // The first batch carries the reference as Graph reads it (unencoded); the re-sent item names the made id.
  const auto first = json::parse(*transport->seen[0].params.find("batch"));
  CHECK(first[1]["body"].get<std::string>().find("campaign_id={result=campaign:$.id}") != std::string::npos);
  const auto second = json::parse(*transport->seen[1].params.find("batch"));
  REQUIRE(second.size() == 1);
  CHECK(second[0]["body"].get<std::string>().find("campaign_id=777") != std::string::npos);
}
