// Hostile messages against the MCP layer: each one is answered with an error that names what was wrong, and the
// server answers a ping afterwards. These lines used to abort the process (uncaught nlohmann::type_error) or
// overflow the stack (std::regex, recursive copies of deep JSON).
#include <catch2/catch.hpp>

#include "core/redact.hpp"
#include "support/server_harness.hpp"

using namespace fbmcp;
using nlohmann::json;
using testing::Harness;

namespace {

// Sends a raw line and returns the answer to `id` (or the only answer when the id is unusable).
json answer_to(Harness& h, const std::string& line, const json& id) {
  h.server.handle_line(line);
  return h.wait_for(id);
}

std::string error_message(const json& reply) { return reply["error"]["message"].get<std::string>(); }

void still_alive(Harness& h) { CHECK(h.request("alive", "ping")["result"] == json::object()); }

}  // namespace

TEST_CASE("wrong types in JSON-RPC envelopes and MCP params are answered, not fatal", "[mcp][hostile]") {
  Harness h;
  SECTION("jsonrpc as a number") {
    auto r = answer_to(h, R"({"jsonrpc":2.0,"id":1,"method":"ping"})", 1);
    CHECK(r["error"]["code"] == -32600);
    CHECK(error_message(r).find("\"jsonrpc\"") != std::string::npos);
  }
  SECTION("logging/setLevel with a null level") {
    auto r = answer_to(h, R"({"jsonrpc":"2.0","id":2,"method":"logging/setLevel","params":{"level":null}})", 2);
    CHECK(r["error"]["code"] == -32602);
    CHECK(error_message(r).find("params.level") != std::string::npos);
  }
  SECTION("tools/call with _meta a string") {
    auto r = answer_to(h, R"({"jsonrpc":"2.0","id":3,"method":"tools/call","params":{"name":"facebook","_meta":"x"}})", 3);
    CHECK(r["error"]["code"] == -32602);
    CHECK(error_message(r).find("params._meta must be an object") != std::string::npos);
  }
  SECTION("describe with a numeric op") {
    auto r = h.request(4, "tools/call", {{"name", "facebook"}, {"arguments", {{"op", "describe"}, {"args", {{"op", 7}}}}}});
    CHECK(r["result"]["isError"] == true);
    CHECK(r["result"]["structuredContent"]["error"]["path"] == "args.op");
    CHECK(r["result"]["structuredContent"]["error"]["message"].get<std::string>().find("must be a string") !=
          std::string::npos);
  }
  SECTION("prompts/get with a numeric name") {
    auto r = answer_to(h, R"({"jsonrpc":"2.0","id":5,"method":"prompts/get","params":{"name":5}})", 5);
    CHECK(r["error"]["code"] == -32602);
    CHECK(error_message(r).find("params.name must be a string") != std::string::npos);
  }
  SECTION("completion/complete with argument a string") {
    auto r = answer_to(
        h, R"({"jsonrpc":"2.0","id":6,"method":"completion/complete","params":{"ref":{"type":"ref/prompt","name":"x"},"argument":"ad_account_id"}})",
        6);
    CHECK(r["error"]["code"] == -32602);
    CHECK(error_message(r).find("params.argument must be an object") != std::string::npos);
  }
  SECTION("completion/complete with a context argument that is not a string") {
    auto r = h.request(7, "completion/complete",
                       {{"ref", {{"type", "ref/prompt"}, {"name", "x"}}},
                        {"argument", {{"name", "campaign_id"}, {"value", ""}}},
                        {"context", {{"arguments", {{"ad_account_id", 12}}}}}});
    CHECK(r["error"]["code"] == -32602);
    CHECK(error_message(r).find("params.context.arguments.ad_account_id") != std::string::npos);
  }
  SECTION("params as an array") {
    auto r = answer_to(h, R"({"jsonrpc":"2.0","id":8,"method":"tools/list","params":[1,2]})", 8);
    CHECK(r["error"]["code"] == -32602);
  }
  SECTION("a notification with params of the wrong type gets no reply") {
    h.server.handle_line(R"({"jsonrpc":"2.0","method":"notifications/cancelled","params":"7"})");
    h.server.handle_line(R"({"jsonrpc":"2.0","method":"notifications/cancelled","params":{"requestId":{"a":1}}})");
    CHECK(h.count() == 0);
  }
  SECTION("an answer to a question we never asked is ignored") {
    h.server.handle_line(R"({"jsonrpc":"2.0","id":"srv-404","result":"nope"})");
    h.server.handle_line(R"({"jsonrpc":"2.0","id":5,"error":7})");
    CHECK(h.count() == 0);
  }
  still_alive(h);
}

TEST_CASE("an id must be a string or an integer, and the error says so", "[mcp][hostile]") {
  Harness h;
  for (const char* line : {R"({"jsonrpc":"2.0","id":1.5,"method":"ping"})", R"({"jsonrpc":"2.0","id":true,"method":"ping"})",
                           R"({"jsonrpc":"2.0","id":{"a":1},"method":"ping"})", R"({"jsonrpc":"2.0","id":[1],"method":"ping"})"}) {
    h.server.handle_line(line);
  }
  REQUIRE(h.count() == 4);
  for (const auto& reply : h.outbox) {
    CHECK(reply["id"].is_null());
    CHECK(reply["error"]["code"] == -32600);
    CHECK(error_message(reply).find("\"id\" must be a string or an integer") != std::string::npos);
  }
  still_alive(h);
}

TEST_CASE("the MCP lifecycle: only ping before initialize", "[mcp][lifecycle]") {
  Harness h(false);
  auto early = h.request(1, "tools/call", {{"name", "facebook"}, {"arguments", {{"op", "list_ad_accounts"}}}});
  CHECK(early["error"]["code"] == -32600);
  CHECK(error_message(early).find("initialize") != std::string::npos);
  CHECK(h.request(2, "tools/list")["error"]["code"] == -32600);
  CHECK(h.request(3, "server/discover")["error"]["code"] == -32601);  // dual-era clients fall back on this
  CHECK(h.request(4, "ping")["result"] == json::object());
  CHECK(h.request(5, "initialize", {{"protocolVersion", "2025-11-25"}})["result"].contains("serverInfo"));
  CHECK(h.request(6, "tools/list")["result"]["tools"].size() == 1);
}

TEST_CASE("deep, long and odd inputs are refused quickly with a reason", "[mcp][hostile]") {
  Harness h;
  SECTION("100,000 levels of nesting") {
    std::string deep = R"({"jsonrpc":"2.0","id":1,"method":"ping","params":{"x":)" + std::string(100000, '[') +
                       std::string(100000, ']') + "}}";
    h.server.handle_line(deep);
    REQUIRE(h.count() == 1);
    CHECK(h.outbox[0]["error"]["code"] == -32700);
    CHECK(error_message(h.outbox[0]).find("deeper than 64") != std::string::npos);
  }
  SECTION("a 30 KB campaign id on a worker thread") {
    auto r = h.request(2, "tools/call", {{"name", "facebook"},
                                         {"arguments", {{"op", "get_campaign"}, {"args", {{"campaign_id", std::string(30000, '1')}}}}}});
    CHECK(r["result"]["isError"] == true);
    CHECK(r["result"]["structuredContent"]["error"]["path"] == "args.campaign_id");
    CHECK(r["result"]["structuredContent"]["error"]["message"].get<std::string>().find("at most 32") != std::string::npos);
  }
  SECTION("a 30 KB id inside a oneOf branch and an array item") {
    const json update = {{"campaign_id", "1"}, {"daily_budget", std::string(30000, '9')}};
    const json args = {{"updates", json::array({update})}};
    auto r = h.request(3, "tools/call",
                       {{"name", "facebook"}, {"arguments", {{"op", "bulk_update_campaigns"}, {"args", args}}}});
    CHECK(r["result"]["structuredContent"]["error"]["path"] == "args.updates[0].daily_budget");
  }
  SECTION("a 5 MB unknown op is refused without echoing it") {
    const std::string op(5 * 1024 * 1024, 'x');
    auto r = h.request(4, "tools/call", {{"name", "facebook"}, {"arguments", {{"op", op}}}});
    CHECK(r["result"]["isError"] == true);
    CHECK(r.dump().size() < 4000);
  }
  SECTION("a line longer than the transport accepts") {
    h.server.reject_oversized_line(20'000'000, 16'777'216);
    REQUIRE(h.count() == 1);
    CHECK(error_message(h.outbox[0]).find("20000000 bytes") != std::string::npos);
  }
  SECTION("NUL bytes and invalid UTF-8") {
    h.server.handle_line(R"({"jsonrpc":"2.0","id":9,"method":"ping")" + std::string(1, '\0') + "}");
    h.server.handle_line("{\"jsonrpc\":\"2.0\",\"id\":\"\xff\xfe\",\"method\":\"ping\"}");
    REQUIRE(h.count() == 2);
    CHECK(h.outbox[0]["error"]["code"] == -32700);
    CHECK(h.outbox[1]["error"]["code"] == -32700);
  }
  still_alive(h);
}

TEST_CASE("a request id already running is refused", "[mcp][hostile]") {
  Harness h;
  h.request(1, "initialize", {{"protocolVersion", "2025-11-25"}, {"capabilities", {{"elicitation", json::object()}}}});
  const json call = {{"jsonrpc", "2.0"}, {"id", 7}, {"method", "tools/call"},
                     {"params", {{"name", "facebook"},
                                 {"arguments", {{"op", "resume_campaign"}, {"args", {{"campaign_id", "120210000000000006"}}}}}}}};
  h.server.handle_line(call.dump());  // waits for the human (elicitation)
  h.server.handle_line(call.dump());
  auto refused = h.wait_for(7);
  CHECK(refused["error"]["code"] == -32600);
  CHECK(error_message(refused).find("still running") != std::string::npos);
  h.server.shutdown();
}

TEST_CASE("redaction of a 30 KB credential string neither crashes nor leaks", "[redact][hostile]") {
  const std::string secret(30000, 'A');
  const auto out = core::redact("https://graph.facebook.com/v24.0/me?access_token=" + secret + "&x=1");
  CHECK(out.find(secret.substr(0, 100)) == std::string::npos);
  CHECK(out.find("access_token=[REDACTED]&x=1") != std::string::npos);
}
