// decode_response, the error table and the usage-header readers on every wrong shape the hardening issue lists.
#include <catch2/catch.hpp>

#include "graph/error_table.hpp"
#include "graph/json_fields.hpp"
#include "graph/list_page.hpp"
#include "graph/rate_pacer.hpp"
#include "graph/response_decoding.hpp"

using namespace fbmcp;
using core::ErrorKind;
using nlohmann::json;

namespace {

core::Result<json> decode(int status, const std::string& body, std::map<std::string, std::string> headers = {},
                          graph::BodyShape shape = graph::BodyShape::Object) {
  return graph::decode_response(graph::HttpResponse{status, std::move(headers), body}, "act_1/campaigns", shape);
}

}  // namespace

TEST_CASE("a 200 whose top-level body is not an object is a clear GraphApi error", "[graph][shapes]") {
  const auto [body, type] = GENERATE(table<std::string, std::string>(
      {{"true", "a boolean"}, {"[]", "an array"}, {"null", "null"}, {"42", "a number"}, {"\"ok\"", "a string"}}));
  INFO(body);
  auto r = decode(200, body);
  REQUIRE_FALSE(r);
  CHECK(r.error().kind == ErrorKind::GraphApi);
  CHECK(graph::is_unexpected_shape(r.error()));
  CHECK(r.error().message.find("act_1/campaigns") != std::string::npos);
  CHECK(r.error().message.find("the body is " + type) != std::string::npos);
}

TEST_CASE("the shapes Graph legitimately sends decode", "[graph][shapes]") {
  CHECK(decode(200, R"({"success":true})"));
  CHECK(decode(200, R"({"id":"120210000000000001"})"));
  CHECK(decode(200, R"([{"code":200,"body":"{}"},null])", {}, graph::BodyShape::Array));
  CHECK_FALSE(decode(200, R"({"id":"1"})", {}, graph::BodyShape::Array));
  CHECK(graph::expect_success(json{{"success", true}}, "1"));
  CHECK(graph::expect_success(json{{"id", "1"}}, "1"));  // read-after-write echoes fields instead
  CHECK(graph::expect_success(json{{"success", false}}, "1").error().kind == ErrorKind::GraphApi);
  CHECK(graph::is_unexpected_shape(graph::expect_success(json{{"success", {{"x", 1}}}}, "1").error()));
}

TEST_CASE("bodies that are not JSON are network errors (retried for reads)", "[graph][shapes]") {
  for (const std::string body : {"", "<html><body>502</body></html>", R"({"data":[{"id":"1","name":"trunc)"}) {
    INFO(body);
    auto r = decode(200, body);
    REQUIRE_FALSE(r);
    CHECK(r.error().kind == ErrorKind::Network);
    CHECK(graph::is_retryable(r.error()));
  }
  CHECK(decode(503, "{}").error().kind == ErrorKind::Network);
  CHECK(decode(404, "{}").error().kind == ErrorKind::GraphApi);
}

TEST_CASE("error bodies of odd types decode to the right kind and say what was odd", "[graph][shapes][errors]") {
  SECTION("code and subcode as numeric strings are read as numbers") {
    auto r = decode(400, R"({"error":{"code":"190","error_subcode":"463","message":"Session has expired."}})");
    CHECK(r.error().kind == ErrorKind::Unauthenticated);
    CHECK(r.error().graph->error_subcode == 463);
  }
  SECTION("message as an object") {
    auto r = decode(400, R"({"error":{"code":100,"message":{"text":"nested"}}})");
    CHECK(r.error().kind == ErrorKind::InvalidArgs);
    CHECK(r.error().message.find("nested") != std::string::npos);
    CHECK(r.error().message.find("`error.message` is an object") != std::string::npos);
  }
  SECTION("is_transient as a string") {
    auto r = decode(500, R"({"error":{"code":99,"message":"m","is_transient":"true"}})");
    CHECK(graph::is_retryable(r.error()));
  }
  SECTION("subcode and error_data of odd types") {
    auto r = decode(400, R"({"error":{"code":100,"message":"m","error_subcode":{"x":1},"error_data":12}})");
    CHECK(r.error().kind == ErrorKind::InvalidArgs);
    CHECK(r.error().message.find("`error.error_subcode` is an object") != std::string::npos);
    auto listed = decode(400, R"({"error":{"code":100,"message":"m","error_data":[1,[2]],"fbtrace_id":7}})");
    CHECK(listed.error().kind == ErrorKind::InvalidArgs);
  }
  SECTION("a code that is no number") {
    auto r = decode(400, R"({"error":{"code":{"n":190},"message":"m"}})");
    CHECK(r.error().kind == ErrorKind::GraphApi);
    CHECK(r.error().message.find("`error.code` is an object") != std::string::npos);
  }
  SECTION("`error` that is not an object") {
    auto r = decode(400, R"({"error":"invalid_request"})");
    CHECK(r.error().kind == ErrorKind::GraphApi);
    CHECK(r.error().message.find("invalid_request") != std::string::npos);
  }
  SECTION("Graph's invalid-cursor code") {
    auto r = decode(400, R"({"error":{"message":"(#2642) Invalid cursors values","type":"OAuthException","code":2642}})");
    CHECK(r.error().kind == ErrorKind::InvalidArgs);
    CHECK(r.error().path == "after");
  }
}

TEST_CASE("usage headers with numbers as strings, or not JSON at all, are read without crashing", "[graph][ratelimit]") {
  const auto headers = GENERATE(as<std::map<std::string, std::string>>{},
      std::map<std::string, std::string>{{"x-business-use-case-usage",
                                          R"({"1":[{"type":"ads_management","call_count":"100","estimated_time_to_regain_access":"30"}]})"}},
      std::map<std::string, std::string>{{"x-ad-account-usage", R"({"acc_id_util_pct":"100","reset_time_duration":"1800"})"}},
      std::map<std::string, std::string>{{"x-ad-account-usage", R"({"acc_id_util_pct":100,"reset_time_duration":1800.0})"}});
  INFO((headers.empty() ? "" : headers.begin()->second));
  graph::RatePacer pacer;
  pacer.record(headers);
  auto wait = graph::retry_after_seconds(headers);
  auto r = decode(400, R"({"error":{"code":17,"message":"(#17) User request limit reached"}})", headers);
  CHECK(r.error().kind == ErrorKind::RateLimited);
  if (!headers.empty()) {
    CHECK(pacer.delay_ms() == graph::RatePacer::kMaxDelayMs);
    REQUIRE(wait);
    CHECK(*wait == 1800);
    CHECK(r.error().detail["retry_after_seconds"] == 1800);
  }
}

TEST_CASE("garbage usage headers are ignored", "[graph][ratelimit]") {
  const std::string garbage = GENERATE(as<std::string>{}, "[1,2,3]", "{not json", "null", R"({"1":"not a list"})",
                                       R"({"1":[7,{"estimated_time_to_regain_access":{"m":1}}]})",
                                       R"({"acc_id_util_pct":"nan","reset_time_duration":"inf"})");
  std::map<std::string, std::string> headers;
  for (const char* name : {"x-app-usage", "x-ad-account-usage", "x-business-use-case-usage", "x-fb-ads-insights-throttle"}) {
    headers[name] = garbage;
  }
  graph::RatePacer pacer;
  pacer.record(headers);
  CHECK(pacer.delay_ms() == 0);
  CHECK_FALSE(graph::retry_after_seconds(headers).has_value());
}

TEST_CASE("a days-long wait stays a long wait: no int overflow into 'retry now'", "[graph][ratelimit]") {
  // 27 days: minutes × 60 × 1000 overflowed int; 40 million minutes overflowed even minutes × 60.
  const auto [minutes, seconds] = GENERATE(table<std::string, int64_t>(
      {{"38880", 38880LL * 60},
       {"40000000", graph::kMaxRetryAfterSeconds},
       {"9223372036854775807", graph::kMaxRetryAfterSeconds},
       {"\"38880\"", 38880LL * 60},
       {"1e300", graph::kMaxRetryAfterSeconds},
       {"-5", 0}}));
  INFO(minutes);
  const std::map<std::string, std::string> headers = {
      {"x-business-use-case-usage",
       R"({"1":[{"type":"ads_management","call_count":100,"estimated_time_to_regain_access":)" + minutes + "}]}"}};
  REQUIRE(graph::retry_after_seconds(headers));
  CHECK(*graph::retry_after_seconds(headers) == seconds);
}

TEST_CASE("edge pages: every wrong shape of data and paging is named", "[graph][shapes][paging]") {
  const auto [body, expected] = GENERATE(table<std::string, std::string>({
      {R"({"paging":{}})", "no `data` list"},
      {R"({"data":{"id":"1"}})", "`data` is an object, expected a list"},
      {R"({"data":[{"id":"1"},7]})", "`data[1]` is a number, expected an object"},
      {R"({"data":[],"paging":"x"})", "`paging` is a string, expected an object"},
      {R"({"data":[],"paging":{"cursors":"MQ==","next":"n"}})", "`paging.cursors` is a string, expected an object"},
      {R"({"data":[],"paging":{"cursors":{"after":5},"next":"n"}})", "`paging.cursors.after` is a number, expected a string"},
      {R"({"data":[],"paging":{"next":7}})", "`paging.next` is a number, expected a string"},
      {R"({"data":[],"paging":{"next":"https://graph.facebook.com/v24.0/act_1/campaigns"}})", "no `paging.cursors.after`"},
  }));
  INFO(body);
  auto page = graph::parse_edge_page(json::parse(body), "act_1/campaigns");
  REQUIRE_FALSE(page);
  CHECK(page.error().kind == ErrorKind::GraphApi);
  CHECK(page.error().message.find("Graph's answer for act_1/campaigns: ") == 0);
  CHECK(page.error().message.find(expected) != std::string::npos);
}

TEST_CASE("edge pages: the end is the absence of next; a next URL's cursor is used when cursors are missing",
          "[graph][paging]") {
  auto last = graph::parse_edge_page(json::parse(R"({"data":[{"id":"1"}],"paging":{"cursors":{"after":"MQ=="}}})"), "e");
  REQUIRE(last);
  CHECK_FALSE(last->next_cursor);
  auto more = graph::parse_edge_page(
      json::parse(R"({"data":[{"id":"1"}],"paging":{"next":"https://graph.facebook.com/v24.0/x?limit=1&after=QUJD"}})"), "e");
  REQUIRE(more);
  CHECK(more->next_cursor == "QUJD");
}
