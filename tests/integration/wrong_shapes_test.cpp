// Graph answers of the wrong shape on the live path (CurlTransport → fake-graph on 127.0.0.1): every shape of the
// hardening issue, on reads, idempotent writes and creates. Each ends in success (after a retry where one is due)
// or in a clear error result; never a crash, never two objects, and the server keeps serving.
#include "integration/live_faults.hpp"

using namespace fbmcp;
using namespace fbmcp::testing;
using nlohmann::json;

namespace {

struct Shape {
  const char* name;
  json fault;           // without method/path; those are per op
  const char* outcome;  // "ok", or the error kind the result must carry
};

const std::string kBusinessUsage =
    R"({"1029384756102938":[{"type":"ads_management","call_count":"100","total_cputime":"100","total_time":"100",)"
    R"("estimated_time_to_regain_access":"30","ads_api_access_tier":"standard_access"}]})";

// Shapes any Graph answer can take.
std::vector<Shape> common_shapes() {
  return {
      {"200 true", {{"kind", "body"}, {"body", "true"}}, "GraphApi"},
      {"200 []", {{"kind", "body"}, {"body", "[]"}}, "GraphApi"},
      {"200 null", {{"kind", "body"}, {"body", "null"}}, "GraphApi"},
      {"code as a string",
       {{"kind", "body"}, {"status", 400},
        {"body", R"({"error":{"message":"Error validating access token: Session has expired.","type":"OAuthException",)"
                 R"("code":"190","error_subcode":"463","fbtrace_id":"AbCdEfGhIjK"}})"}},
       "Unauthenticated"},
      {"message as an object",
       {{"kind", "body"}, {"status", 400}, {"body", R"({"error":{"message":{"text":"nested"},"code":368,"fbtrace_id":"X"}})"}},
       "PolicyBlocked"},
      {"is_transient as a string",
       {{"kind", "body"}, {"status", 500},
        {"body", R"({"error":{"message":"Please retry your request later.","code":2,"is_transient":"true","fbtrace_id":"Y"}})"}},
       "ok"},
      {"subcode and error_data of odd types",
       {{"kind", "body"}, {"status", 400},
        {"body", R"({"error":{"message":"Invalid parameter","code":100,"error_subcode":{"x":1},"error_data":12,"fbtrace_id":7}})"}},
       "InvalidArgs"},
      {"throttle with usage numbers as strings",
       {{"kind", "graph_error"}, {"code", 80004}, {"count", 3}, {"headers", {{"X-Business-Use-Case-Usage", kBusinessUsage}}}},
       "RateLimited"},
      {"ad-account usage at \"100\" with a string reset time",
       {{"kind", "graph_error"}, {"code", 17}, {"error_subcode", 2446079}, {"count", 3},
        {"headers", {{"X-Ad-Account-Usage", R"({"acc_id_util_pct":"100","reset_time_duration":"1800","ads_api_access_tier":"standard_access"})"}}}},
       "RateLimited"},
      {"usage headers that are an array and garbage",
       {{"kind", "headers"},
        {"headers", {{"X-App-Usage", "[1,2,3]"}, {"X-Ad-Account-Usage", "{garbage"}, {"X-Business-Use-Case-Usage", "[]"}}}},
       "ok"},
  };
}

// Shapes only a list answer can take.
std::vector<Shape> list_shapes() {
  return {
      {"paging.cursors a string",
       {{"kind", "body"}, {"body", R"({"data":[{"id":"1","name":"a"}],"paging":{"cursors":"MQ==","next":"https://graph.facebook.com/x"}})"}},
       "GraphApi"},
      {"paging.cursors.after a number",
       {{"kind", "body"}, {"body", R"({"data":[{"id":"1","name":"a"}],"paging":{"cursors":{"after":12345},"next":"https://graph.facebook.com/x"}})"}},
       "GraphApi"},
      {"data items that are not objects", {{"kind", "body"}, {"body", R"({"data":[1,"two",null]})"}}, "GraphApi"},
      {"data an object", {{"kind", "body"}, {"body", R"({"data":{"id":"1"}})"}}, "GraphApi"},
      {"a campaign whose status is a number",
       {{"kind", "body"}, {"body", R"({"data":[{"id":"1","name":"a","status":1,"account_id":"1029384756102938"}]})"}},
       "GraphApi"},
  };
}

void check_outcome(const tool::ToolResult& r, const Shape& shape) {
  INFO(r.text);
  if (std::string(shape.outcome) == "ok") {
    CHECK_FALSE(r.is_error);
    return;
  }
  REQUIRE(r.is_error);
  const auto& error = r.structured["error"];
  CHECK(error["kind"] == shape.outcome);
  CHECK_FALSE(error["message"].get<std::string>().empty());
  if (std::string(shape.outcome) == "GraphApi") {
    CHECK(error["message"].get<std::string>().find("Graph's answer for") != std::string::npos);
  }
  if (std::string(shape.outcome) == "RateLimited") CHECK(error["detail"]["retry_after_seconds"] == 1800);
}

Shape with_target(Shape shape, const char* method, const std::string& path) {
  shape.fault["method"] = method;
  shape.fault["path"] = path;
  return shape;
}

}  // namespace

TEST_CASE("reads survive every wrong shape: list_campaigns and get_campaign", "[live][shapes]") {
  auto shapes = common_shapes();
  for (auto& s : list_shapes()) shapes.push_back(s);
  const auto shape = GENERATE_COPY(from_range(shapes));
  auto world = http_world();
  SECTION(std::string("list_campaigns: ") + shape.name) {
    arm(*world, with_target(shape, "GET", "campaigns$").fault);
    check_outcome(call_op(*world, "list_campaigns", {{"ad_account_id", kUsdAccount}, {"limit", 3}}), shape);
  }
  SECTION(std::string("get_campaign: ") + shape.name) {
    // A list page where a node is due is just another wrong shape for a node read.
    arm(*world, with_target(shape, "GET", std::string(kActiveCampaign) + "$").fault);
    check_outcome(call_op(*world, "get_campaign", {{"campaign_id", kActiveCampaign}}), shape);
  }
  // Whatever happened, the server is still serving.
  world->server->faults().clear();
  CHECK_FALSE(call_op(*world, "get_campaign", {{"campaign_id", kActiveCampaign}}).is_error);
}

TEST_CASE("idempotent writes survive every wrong shape: pause_campaign and update_campaign", "[live][shapes]") {
  const auto shape = GENERATE_COPY(from_range(common_shapes()));
  auto world = http_world();
  const auto target = with_target(shape, "POST", std::string(kActiveCampaign) + "$");
  SECTION(std::string("pause_campaign: ") + shape.name) {
    arm(*world, target.fault);
    const auto r = call_op(*world, "pause_campaign", {{"campaign_id", kActiveCampaign}});
    check_outcome(r, shape);
    if (!r.is_error) CHECK(campaign_status(*world, kActiveCampaign) == "PAUSED");
  }
  SECTION(std::string("update_campaign: ") + shape.name) {
    arm(*world, target.fault);
    const auto r = call_op(*world, "update_campaign", {{"campaign_id", kActiveCampaign}, {"name", "Renamed"}});
    check_outcome(r, shape);
  }
  world->server->faults().clear();
  CHECK_FALSE(call_op(*world, "get_campaign", {{"campaign_id", kActiveCampaign}}).is_error);
}

TEST_CASE("creates survive every wrong shape and never make two campaigns", "[live][shapes][idempotency]") {
  auto shapes = common_shapes();
  // The create applied, then answered in a shape we cannot read: reconciled through the idempotency key.
  for (const char* body : {"true", "[]", "null", R"({"id":12345})", "{}"}) {
    shapes.push_back({"applied, then 200 with this body", {{"kind", "body"}, {"body", body}, {"apply", true}}, "ok"});
  }
  const auto shape = GENERATE_COPY(from_range(shapes));
  testing::HttpWorldOptions options;
  options.fixed_clock = false;  // reconciliation compares Meta's created_time with our clock
  auto world = http_world(options);
  const std::string name = std::string("Shape ") + shape.name;
  arm(*world, with_target(shape, "POST", "campaigns$").fault);
  const auto r = call_op(*world, "create_campaign", create_campaign_args(name));
  INFO(shape.fault.dump() << "\n" << r.text);
  const size_t made = campaigns_named(*world, name);
  CHECK(made <= 1);
  if (!r.is_error) {
    CHECK(made == 1);
    CHECK(r.structured["data"]["campaign"]["name"] == name);
  } else {
    CHECK_FALSE(r.structured["error"]["message"].get<std::string>().empty());
  }
  // A wrong shape that Meta did not act on (apply false) is re-sent once after looking: success with one campaign;
  // Graph's error objects (190, 368, 100, throttles, transient) are answers, and nothing was created.
  const std::string fault_kind = shape.fault["kind"];
  const std::string body = shape.fault.value("body", "");
  if (fault_kind == "body" && (body == "true" || body == "[]" || body == "null" || shape.fault.value("apply", false))) {
    CHECK_FALSE(r.is_error);
  }
  world->server->faults().clear();
  CHECK_FALSE(call_op(*world, "get_campaign", {{"campaign_id", kActiveCampaign}}).is_error);
}
