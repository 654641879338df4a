#include <catch2/catch.hpp>

#include "mcp/server.hpp"
#include "support/server_harness.hpp"

using namespace fbmcp;
using nlohmann::json;

using testing::Harness;

TEST_CASE("initialize negotiates the protocol version", "[mcp]") {
  Harness h;
  CHECK(h.request(1, "initialize", {{"protocolVersion", "2025-06-18"}})["result"]["protocolVersion"] == "2025-06-18");
  CHECK(h.request(2, "initialize", {{"protocolVersion", "2024-11-05"}})["result"]["protocolVersion"] == "2024-11-05");
  auto latest = h.request(3, "initialize", {{"protocolVersion", "2099-01-01"}});
  CHECK(latest["result"]["protocolVersion"] == "2025-11-25");
  CHECK(latest["result"]["instructions"].get<std::string>().find("FAKE MODE") != std::string::npos);
  CHECK(latest["result"]["capabilities"].contains("completions"));
  CHECK(h.request(0, "ping")["result"] == json::object());  // id 0 is a valid id
}

TEST_CASE("broken envelopes get JSON-RPC errors and the server keeps going", "[mcp]") {
  Harness h;
  h.server.handle_line("{not json");
  h.server.handle_line(R"([{"jsonrpc":"2.0","id":1,"method":"ping"}])");
  REQUIRE(h.count() == 2);
  CHECK(h.outbox[0]["error"]["code"] == -32700);
  CHECK(h.outbox[0]["id"].is_null());
  CHECK(h.outbox[1]["error"]["code"] == -32600);
  CHECK(h.request("d", "server/discover")["error"]["code"] == -32601);
  CHECK(h.request(5, "no/such/method")["error"]["code"] == -32601);
  h.server.handle_line(R"({"jsonrpc":"2.0","method":"notifications/initialized"})");
  h.server.handle_line(R"({"jsonrpc":"2.0","method":"notifications/unknown"})");
  CHECK(h.count() == 4);  // notifications get no reply
  CHECK(h.request(6, "ping")["result"] == json::object());
}

TEST_CASE("tools/list has one tool whose op enum comes from the registry", "[mcp]") {
  Harness h;
  auto tools = h.request(1, "tools/list")["result"]["tools"];
  REQUIRE(tools.size() == 1);
  CHECK(tools[0]["name"] == "facebook");
  CHECK_FALSE(tools[0].contains("outputSchema"));
  const auto ops = tools[0]["inputSchema"]["properties"]["op"]["enum"];
  CHECK(std::find(ops.begin(), ops.end(), "help") != ops.end());
  CHECK(std::find(ops.begin(), ops.end(), "create_campaign") != ops.end());
  CHECK(ops.size() == h.services->registry->names().size() + 2);
}

TEST_CASE("tools/call: results, tool errors, unknown tool", "[mcp]") {
  Harness h;
  auto ok = h.request(1, "tools/call", {{"name", "facebook"}, {"arguments", {{"op", "list_ad_accounts"}}}});
  CHECK(ok["result"]["isError"] == false);
  CHECK(ok["result"]["structuredContent"]["ok"] == true);
  CHECK(ok["result"]["content"][0]["type"] == "text");
  auto bad = h.request(2, "tools/call", {{"name", "facebook"}, {"arguments", json::object()}});
  CHECK(bad["result"]["isError"] == true);
  CHECK(h.request(3, "tools/call", {{"name", "nope"}})["error"]["code"] == -32602);
}

TEST_CASE("progress notifications follow a progressToken", "[mcp]") {
  Harness h;
  auto r = h.request(9, "tools/call", {{"name", "facebook"}, {"arguments", {{"op", "list_ad_accounts"}}},
                                       {"_meta", {{"progressToken", "tok"}}}});
  REQUIRE(r.contains("result"));
  int progress = 0;
  for (const auto& m : h.outbox) {
    if (m.value("method", "") == "notifications/progress") {
      CHECK(m["params"]["progressToken"] == "tok");
      CHECK(m["params"]["progress"].get<int>() > progress);
      progress = m["params"]["progress"];
    }
  }
  CHECK(progress > 0);
}

TEST_CASE("logging/setLevel validates the level and forwards logs", "[mcp]") {
  Harness h;
  CHECK(h.request(1, "logging/setLevel", {{"level", "loud"}})["error"]["code"] == -32602);
  CHECK(h.request(2, "logging/setLevel", {{"level", "debug"}})["result"] == json::object());
}

TEST_CASE("prompts list and render; unknown prompt or missing argument is -32602", "[mcp][prompts]") {
  Harness h;
  auto prompts = h.request(1, "prompts/list")["result"]["prompts"];
  REQUIRE_FALSE(prompts.empty());
  CHECK(h.request(2, "prompts/get", {{"name", "no_such_prompt"}})["error"]["code"] == -32602);
}

TEST_CASE("completion offers ad account ids", "[mcp]") {
  Harness h;
  auto r = h.request(1, "completion/complete",
                     {{"ref", {{"type", "ref/prompt"}, {"name", "account_overview"}}},
                      {"argument", {{"name", "ad_account_id"}, {"value", "act_"}}}});
  CHECK(r["result"]["completion"]["values"].size() >= 3);
}

TEST_CASE("elicitation asks the human; a cancelled call gets no response and changes nothing", "[mcp][elicitation]") {
  Harness h;
  h.request(1, "initialize", {{"protocolVersion", "2025-11-25"}, {"capabilities", {{"elicitation", json::object()}}}});
  const std::string paused = "120210000000000006";
  auto wait_for_elicitation = [&]() {
    std::unique_lock lock(h.mutex);
    json found;
    h.arrived.wait_for(lock, std::chrono::seconds(20), [&] {
      for (const auto& m : h.outbox) {
        if (m.value("method", "") == "elicitation/create" && !m.contains("seen")) {
          found = m;
          return true;
        }
      }
      return false;
    });
    for (auto& m : h.outbox) {
      if (m == found) m["seen"] = true;
    }
    return found;
  };
  SECTION("accept") {
    h.server.handle_line(json{{"jsonrpc", "2.0"}, {"id", 2}, {"method", "tools/call"},
                              {"params", {{"name", "facebook"}, {"arguments", {{"op", "resume_campaign"}, {"args", {{"campaign_id", paused}}}}}}}}
                             .dump());
    auto ask = wait_for_elicitation();
    REQUIRE(ask["params"]["requestedSchema"]["properties"].contains("confirm"));
    CHECK(ask["id"].get<std::string>().rfind("srv-", 0) == 0);
    h.server.handle_line(json{{"jsonrpc", "2.0"}, {"id", ask["id"]}, {"result", {{"action", "accept"}, {"content", {{"confirm", true}}}}}}.dump());
    auto done = h.wait_for(2);
    CHECK(done["result"]["structuredContent"]["data"]["campaign"]["status"] == "ACTIVE");
  }
  SECTION("cancelled while waiting for the human") {
    h.server.handle_line(json{{"jsonrpc", "2.0"}, {"id", 3}, {"method", "tools/call"},
                              {"params", {{"name", "facebook"}, {"arguments", {{"op", "resume_campaign"}, {"args", {{"campaign_id", paused}}}}}}}}
                             .dump());
    auto ask = wait_for_elicitation();
    h.server.handle_line(json{{"jsonrpc", "2.0"}, {"method", "notifications/cancelled"}, {"params", {{"requestId", 3}}}}.dump());
    h.server.handle_line(json{{"jsonrpc", "2.0"}, {"id", ask["id"]}, {"result", {{"action", "accept"}, {"content", {{"confirm", true}}}}}}.dump());
    h.server.shutdown();  // waits for the worker
    for (const auto& m : h.outbox) CHECK_FALSE((m.contains("id") && m["id"] == 3));
    auto status = testing::call(*h.services, "get_campaign", {{"campaign_id", paused}});
    CHECK(status.structured["data"]["campaign"]["status"] == "PAUSED");
  }
}
