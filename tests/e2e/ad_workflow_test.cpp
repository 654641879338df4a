// The advertiser's whole workflow over MCP, spoken to the built binary as a host would: campaign → ad set → image
// from a URL (served here on 127.0.0.1) → creative → ad → preview → resume with the user's confirmation. Once step
// by step, once with launch_ad.
#include <catch2/catch.hpp>

#include <httplib.h>

#include <thread>

#include "support/sample_images.hpp"
#include "support/subprocess.hpp"

using fbmcp::testing::Subprocess;
using nlohmann::json;

namespace {

constexpr const char* kAct = "act_1029384756102938";

// Serves one JPEG at /ads/boots.jpg on a free loopback port for the life of the object.
struct ImageHost {
  httplib::Server server;
  std::thread thread;
  int port = 0;
  ImageHost() {
    const std::string jpeg = fbmcp::testing::jpeg_header(1200, 628);
    server.Get("/ads/boots.jpg", [jpeg](const httplib::Request&, httplib::Response& res) {
      res.set_content(jpeg, "image/jpeg");
    });
    port = server.bind_to_any_port("127.0.0.1");
    // bind_to_any_port already listens, so a request queues until the accept loop below takes it.
    thread = std::thread([this] { server.listen_after_bind(); });
  }
  ~ImageHost() {
    server.stop();
    thread.join();
  }
  std::string url() const { return "http://127.0.0.1:" + std::to_string(port) + "/ads/boots.jpg"; }
};

class McpSession {
 public:
  McpSession()
      : process_({FBMCP_BINARY}, {{"FACEBOOK_MODE", "fake"}, {"FACEBOOK_ACCESS_TOKEN", ""},
                                  {"FACEBOOK_ALLOW_PRIVATE_URLS", "1"}}) {
    rpc("initialize", {{"protocolVersion", "2025-11-25"}, {"capabilities", json::object()}});
  }
  ~McpSession() {
    process_.close_stdin();
    process_.wait(20000);
  }

  // structuredContent of one facebook call.
  json call(const std::string& op, const json& args) {
    auto reply = rpc("tools/call", {{"name", "facebook"}, {"arguments", {{"op", op}, {"args", args}}}});
    INFO(op << ": " << reply.dump().substr(0, 2000));
    REQUIRE(reply.contains("result"));
    return reply["result"]["structuredContent"];
  }
  json ok(const std::string& op, const json& args) {
    auto sc = call(op, args);
    INFO(op << ": " << sc.dump().substr(0, 2000));
    REQUIRE(sc["ok"] == true);
    return sc;
  }
  // A spend: the first call only previews and asks; after the user agrees, the call again with what `next` says.
  json confirmed(const std::string& op, json args) {
    auto preview = call(op, args);
    INFO(op << " preview: " << preview.dump().substr(0, 2000));
    REQUIRE(preview["needs_confirmation"] == true);
    CHECK_FALSE(preview["next"]["ask_user"].get<std::string>().empty());
    for (const auto& [key, value] : preview["next"]["args"].items()) args[key] = value;
    return ok(op, args);
  }

 private:
  json rpc(const std::string& method, const json& params) {
    const int id = next_id_++;
    process_.write_line(json{{"jsonrpc", "2.0"}, {"id", id}, {"method", method}, {"params", params}}.dump());
    for (int i = 0; i < 200; ++i) {
      auto line = process_.read_line(20000);
      REQUIRE(line);
      auto message = json::parse(*line);
      if (message.contains("id") && message["id"] == id && !message.contains("method")) return message;
    }
    FAIL("no response to " << method);
    return {};
  }
  Subprocess process_;
  int next_id_ = 1;
};

const json kTargeting = {{"geo_locations", {{"countries", {"US"}}}}, {"age_min", 25}, {"age_max", 54}};

json creative_fields() {
  return {{"page_id", "104857600000001"}, {"link", "https://shop.example.com/winter-boots"},
          {"message", "Warm feet, all winter."}, {"headline", "Winter boots: 20% off"},
          {"call_to_action_type", "SHOP_NOW"}};
}

// Starts what was made: campaign, ad set and ad each ask the user first. The ad then waits for Meta's review.
void resume_all(McpSession& mcp, const std::string& campaign_id, const std::string& adset_id,
                const std::string& ad_id) {
  CHECK(mcp.confirmed("resume_campaign", {{"campaign_id", campaign_id}})["data"]["campaign"]["status"] == "ACTIVE");
  CHECK(mcp.confirmed("resume_adset", {{"adset_id", adset_id}})["data"]["adset"]["status"] == "ACTIVE");
  CHECK(mcp.confirmed("resume_ad", {{"ad_id", ad_id}})["data"]["ad"]["status"] == "ACTIVE");
  const auto ad = mcp.ok("get_ad", {{"ad_id", ad_id}})["data"]["ad"];
  const std::string effective = ad["effective_status"];
  CHECK((effective == "PENDING_REVIEW" || effective == "ACTIVE"));
}

}  // namespace

TEST_CASE("the ad workflow over MCP, step by step: campaign to a running ad", "[e2e][workflow]") {
  ImageHost host;
  McpSession mcp;
  const auto campaign = mcp.ok("create_campaign", {{"ad_account_id", kAct}, {"name", "E2E Winter Boots"},
                                                   {"objective", "OUTCOME_TRAFFIC"},
                                                   {"special_ad_categories", json::array()},
                                                   {"daily_budget", {{"amount", "30.00"}}}});
  const std::string campaign_id = campaign["data"]["id"];
  const auto adset = mcp.ok("create_adset", {{"campaign_id", campaign_id}, {"name", "E2E – US 25-54"},
                                             {"optimization_goal", "LINK_CLICKS"}, {"billing_event", "IMPRESSIONS"},
                                             {"targeting", kTargeting}});
  const std::string adset_id = adset["data"]["id"];
  const auto image = mcp.ok("upload_image", {{"ad_account_id", kAct}, {"image_url", host.url()}});
  const std::string hash = image["data"]["image"]["hash"];
  CHECK(image["data"]["image"]["width"] == 1200);
  auto fields = creative_fields();
  fields["ad_account_id"] = kAct;
  fields["name"] = "E2E creative";
  fields["image_hash"] = hash;
  const std::string creative_id = mcp.ok("create_creative", fields)["data"]["id"];
  const auto ad = mcp.ok("create_ad", {{"adset_id", adset_id}, {"creative_id", creative_id}, {"name", "E2E ad"}});
  const std::string ad_id = ad["data"]["id"];
  CHECK(ad["data"]["ad"]["status"] == "PAUSED");
  resume_all(mcp, campaign_id, adset_id, ad_id);
}

TEST_CASE("the ad workflow over MCP with launch_ad: one call, then resume", "[e2e][workflow][launch_ad]") {
  ImageHost host;
  McpSession mcp;
  const json args = {{"ad_account_id", kAct},
                     {"name", "E2E Launch"},
                     {"campaign", {{"objective", "OUTCOME_TRAFFIC"}, {"special_ad_categories", json::array()},
                                   {"daily_budget", {{"amount", "30.00"}}}}},
                     {"adset", {{"optimization_goal", "LINK_CLICKS"}, {"billing_event", "IMPRESSIONS"},
                                {"targeting", kTargeting}}},
                     {"image", {{"image_url", host.url()}}},
                     {"creative", creative_fields()}};
  auto dry = args;
  dry["dry_run"] = true;
  CHECK(mcp.ok("launch_ad", dry)["data"]["valid"] == true);
  const auto launched = mcp.ok("launch_ad", args);
  const auto& ids = launched["data"]["ids"];
  CHECK(launched["data"]["status"] == "PAUSED");
  const auto creative = mcp.ok("get_creative", {{"creative_id", ids["creative_id"]}});
  CHECK(creative["data"]["creative"]["image_hash"] == ids["image_hash"]);
  resume_all(mcp, ids["campaign_id"], ids["adset_id"], ids["ad_id"]);
}
