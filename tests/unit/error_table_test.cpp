#include <catch2/catch.hpp>

#include "graph/error_table.hpp"

using namespace fbmcp;
using core::ErrorKind;

namespace {
core::Error decode(int code, int subcode = 0, std::map<std::string, std::string> headers = {},
                   nlohmann::json extra = nlohmann::json::object()) {
  nlohmann::json error = {{"message", "m"}, {"code", code}, {"fbtrace_id", "TRACE1"}};
  if (subcode) error["error_subcode"] = subcode;
  error.update(extra);
  return *graph::decode_graph_error({{"error", error}}, 400, headers);
}
}  // namespace

TEST_CASE("Graph error codes map to kinds by code and subcode, never HTTP status", "[graph][errors]") {
  CHECK(decode(190, 463).kind == ErrorKind::Unauthenticated);
  CHECK(decode(190, 463).message.find("expired") != std::string::npos);
  CHECK(decode(190, 460).message.find("password") != std::string::npos);
  CHECK(decode(102).kind == ErrorKind::Unauthenticated);
  for (int code : {4, 17, 32, 613, 80000, 80004, 80014}) {
    INFO(code);
    CHECK(decode(code).kind == ErrorKind::RateLimited);  // a throttle is never an auth failure
  }
  CHECK(decode(10).kind == ErrorKind::PermissionDenied);
  CHECK(decode(200).kind == ErrorKind::PermissionDenied);
  CHECK(decode(294).kind == ErrorKind::PermissionDenied);
  CHECK(decode(368).kind == ErrorKind::PolicyBlocked);
  CHECK(decode(100, 33).kind == ErrorKind::NotFound);
  CHECK(decode(100).kind == ErrorKind::InvalidArgs);
  CHECK(decode(2500).kind == ErrorKind::GraphApi);
}

TEST_CASE("transient errors are retryable; others are not", "[graph][errors]") {
  CHECK(graph::is_retryable(decode(1)));
  CHECK(graph::is_retryable(decode(2)));
  CHECK(graph::is_retryable(decode(99, 0, {}, {{"is_transient", true}})));
  CHECK_FALSE(graph::is_retryable(decode(100)));
  CHECK_FALSE(graph::is_retryable(decode(190, 463)));
}

TEST_CASE("code 100 names the blamed field from error_data", "[graph][errors]") {
  auto e = decode(100, 0, {}, {{"error_data", R"({"blame_field_specs":[["daily_budget"]]})"}});
  CHECK(e.path == "daily_budget");
  CHECK(e.hint.find("daily_budget") != std::string::npos);
}

TEST_CASE("throttles carry the wait Meta asks for", "[graph][errors]") {
  std::map<std::string, std::string> headers = {
      {"x-business-use-case-usage",
       R"({"123":[{"type":"ads_management","call_count":100,"estimated_time_to_regain_access":3}]})"}};
  auto e = decode(80004, 0, headers);
  CHECK(e.kind == ErrorKind::RateLimited);
  CHECK(e.detail["retry_after_seconds"] == 180);
  CHECK(e.graph->fbtrace_id == "TRACE1");
}

TEST_CASE("a body without an error object is not an error", "[graph][errors]") {
  CHECK_FALSE(graph::decode_graph_error({{"id", "1"}}, 200, {}));
}
