// `facebook-mcp webhooks` as a user runs it: the built binary on a free loopback port, Meta's subscription check and
// a signed event over HTTP, then `facebook-mcp call list_webhook_events` in live mode reading the same data dir.
#include <catch2/catch.hpp>

#include <httplib.h>

#include <nlohmann/json.hpp>

#include "crypto/hmac.hpp"
#include "support/subprocess.hpp"
#include "support/temp_dir.hpp"

using fbmcp::testing::Subprocess;
using nlohmann::json;

TEST_CASE("webhooks command: verification, a signed event, and list_webhook_events reading it", "[e2e][webhooks]") {
  fbmcp::testing::TempDir data("fbmcp-webhooks-e2e");
  const std::string secret = "e2e-webhook-app-secret";
  std::map<std::string, std::string> env = {{"FACEBOOK_APP_SECRET", secret},
                                            {"FACEBOOK_WEBHOOK_VERIFY_TOKEN", "e2e-verify"},
                                            {"FACEBOOK_MCP_DATA_DIR", data.path}};
  Subprocess receiver({FBMCP_BINARY, "webhooks", "--port", "0"}, env);
  auto first = receiver.read_line(20000);
  REQUIRE(first);
  REQUIRE(first->rfind("listening on http://127.0.0.1:", 0) == 0);
  const int port = std::stoi(first->substr(first->rfind(':') + 1));
  httplib::Client client("127.0.0.1", port);
  client.set_read_timeout(10, 0);

  auto check = client.Get("/?hub.mode=subscribe&hub.challenge=42&hub.verify_token=e2e-verify");
  REQUIRE(check);
  CHECK(check->status == 200);
  CHECK(check->body == "42");

  const std::string body =
      R"({"object":"ad_account","entry":[{"id":"1029384756102938","time":1764000000,)"
      R"("changes":[{"field":"in_process_ad_objects","value":{"id":"120210000000000001","level":"AD"}}]}]})";
  httplib::Headers signed_headers{{"X-Hub-Signature-256", "sha256=" + fbmcp::crypto::hmac_sha256_hex(secret, body)}};
  auto stored = client.Post("/", signed_headers, body, "application/json");
  REQUIRE(stored);
  CHECK(stored->status == 200);
  httplib::Headers forged_headers{{"X-Hub-Signature-256", "sha256=" + fbmcp::crypto::hmac_sha256_hex("x", body)}};
  auto refused = client.Post("/", forged_headers, body, "application/json");
  REQUIRE(refused);
  CHECK(refused->status == 403);

  // Live mode with a token that is never used: list_webhook_events reads the data dir, not Graph.
  env["FACEBOOK_MODE"] = "live";
  env["FACEBOOK_ACCESS_TOKEN"] = "EAAG-unused-token";
  env["FACEBOOK_GRAPH_URL"] = "http://127.0.0.1:9";
  Subprocess call({FBMCP_BINARY, "call", "list_webhook_events", "{}", "--json"}, env);
  REQUIRE(call.wait(30000) == 0);
  const auto result = json::parse(call.drain_stdout());
  REQUIRE(result["data"]["items"].size() == 1);
  CHECK(result["data"]["items"][0]["object"] == "ad_account");
  CHECK(result["data"]["items"][0]["field"] == "in_process_ad_objects");
  CHECK(result["data"]["items"][0]["entry_id"] == "1029384756102938");

  const std::string log = receiver.drain_stderr();
  CHECK(log.find("X-Hub-Signature-256 does not match") != std::string::npos);
  CHECK(log.find(secret) == std::string::npos);
}

TEST_CASE("webhooks command: refuses to start without an app secret", "[e2e][webhooks]") {
  Subprocess receiver({FBMCP_BINARY, "webhooks", "--port", "0"}, {{"FACEBOOK_APP_SECRET", ""}});
  CHECK(receiver.wait(20000) == 2);
  CHECK(receiver.drain_stderr().find("FACEBOOK_APP_SECRET") != std::string::npos);
}
