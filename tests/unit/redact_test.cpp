#include <catch2/catch.hpp>

#include "core/redact.hpp"
#include "graph/curl_transport.hpp"

using namespace fbmcp;

TEST_CASE("registered secrets never survive redaction", "[redact]") {
  core::register_secret("EAAB-canary-token-1234567890");
  const auto out = core::redact("error calling graph with EAAB-canary-token-1234567890 inside");
  CHECK(out.find("EAAB-canary") == std::string::npos);
  CHECK(out.find("[REDACTED]") != std::string::npos);
  CHECK(core::redact("short abc stays") == "short abc stays");
}

TEST_CASE("credential parameters in URLs and JSON are masked even when unregistered", "[redact]") {
  const auto url = core::redact("https://graph.facebook.com/v24.0/act_1/campaigns?limit=25&access_token=XYZunknown123&after=abc");
  CHECK(url.find("XYZunknown123") == std::string::npos);
  CHECK(url.find("after=abc") != std::string::npos);
  const auto proof = core::redact("appsecret_proof=deadbeefcafe&x=1");
  CHECK(proof.find("deadbeefcafe") == std::string::npos);
  const auto json_text = core::redact(R"({"access_token":"secretvalue99","name":"ok"})");
  CHECK(json_text.find("secretvalue99") == std::string::npos);
  CHECK(json_text.find("\"name\":\"ok\"") != std::string::npos);
}

TEST_CASE("redact_json walks every string, keys included", "[redact]") {
  core::register_secret("app-secret-value-42");
  nlohmann::json value = {{"paging", {{"next", "https://g/x?access_token=tok123456789&after=Q"}}},
                          {"list", {"app-secret-value-42"}},
                          {"n", 5}};
  const auto out = core::redact_json(value).dump();
  CHECK(out.find("tok123456789") == std::string::npos);
  CHECK(out.find("app-secret-value-42") == std::string::npos);
  CHECK(out.find("\"n\":5") != std::string::npos);
}

TEST_CASE("appsecret_proof is HMAC-SHA256(app secret, token) in lowercase hex", "[crypto]") {
  // Known-answer vector: RFC 4231 test case 2 (key "Jefe", data "what do ya want for nothing?").
  CHECK(graph::appsecret_proof("Jefe", "what do ya want for nothing?") ==
        "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
}
