// FakeGraphServer's control endpoints over real HTTP on 127.0.0.1 (cpp-httplib's client): faults armed with
// POST /__control/faults fire on the next matching Graph request, and DELETE /__control/faults disarms them.
#include <catch2/catch.hpp>

#include <httplib.h>

#include <set>

#include "support/fake_services.hpp"

using namespace fbmcp;
using nlohmann::json;

namespace {

constexpr const char* kCampaigns = "/v24.0/act_1029384756102938/campaigns";

struct ControlledServer {
  ControlledServer() {
    core::Settings settings;
    settings.mode = core::Mode::Fake;
    settings.fake_clock = testing::kFixedNow;
    auto emulator = app::make_emulator(settings);
    REQUIRE(emulator);
    server = std::make_unique<fake::FakeGraphServer>(*emulator);
    auto bound = server->start(0);
    REQUIRE(bound);
    port = *bound;
  }
  httplib::Client client() const {
    httplib::Client c("127.0.0.1", port);
    c.set_connection_timeout(5);
    c.set_read_timeout(10);
    return c;
  }
  std::unique_ptr<fake::FakeGraphServer> server;
  int port = 0;
};

}  // namespace

TEST_CASE("POST and DELETE /__control/faults over HTTP arm and disarm faults", "[fake][faults][http]") {
  ControlledServer fake;
  auto client = fake.client();
  REQUIRE(client.Get(kCampaigns)->status == 200);

  const json throttle = {{"kind", "graph_error"}, {"code", 17}, {"count", 2}, {"path", "campaigns$"}, {"method", "GET"}};
  auto armed = client.Post("/__control/faults", throttle.dump(), "application/json");
  REQUIRE(armed);
  CHECK(armed->status == 200);
  CHECK(json::parse(armed->body) == json{{"success", true}});

  std::set<std::string> traces;
  for (int i = 0; i < 2; ++i) {
    auto hit = client.Get(kCampaigns);
    REQUIRE(hit);
    CHECK(hit->status == 400);
    const auto error = json::parse(hit->body)["error"];
    CHECK(error["code"] == 17);
    CHECK(traces.insert(error["fbtrace_id"].get<std::string>()).second);  // each error its own trace id
  }
  CHECK(client.Get(kCampaigns)->status == 200);  // count used up

  // A list of faults in one POST; DELETE takes them all away before any fires.
  const json several = json::array({{{"kind", "http_status"}, {"status", 502}, {"path", "campaigns$"}},
                                     {{"kind", "graph_error"}, {"code", 2}, {"is_transient", true}}});
  REQUIRE(client.Post("/__control/faults", several.dump(), "application/json")->status == 200);
  CHECK(json::parse(client.Get("/__control/faults")->body).size() == 2);
  auto cleared = client.Delete("/__control/faults");
  REQUIRE(cleared);
  CHECK(cleared->status == 200);
  CHECK(json::parse(cleared->body) == json{{"success", true}});
  CHECK(json::parse(client.Get("/__control/faults")->body).empty());
  auto after = client.Get(kCampaigns);
  REQUIRE(after);
  CHECK(after->status == 200);
  CHECK(json::parse(after->body).contains("data"));

  // A spec that is not a fault is refused with 400 and arms nothing.
  auto bad = client.Post("/__control/faults", R"({"kind":"no_such_kind"})", "application/json");
  REQUIRE(bad);
  CHECK(bad->status == 400);
  CHECK(json::parse(client.Get("/__control/faults")->body).empty());
}
