// The README's promise: idempotent writes (status, name, budget) are retried like reads. pause_campaign and
// update_campaign meet each transient failure once and still succeed.
#include "integration/live_faults.hpp"

using namespace fbmcp;
using namespace fbmcp::testing;
using nlohmann::json;

namespace {

struct Transient {
  const char* name;
  json fault;
};

std::vector<Transient> transients() {
  return {
      {"HTTP 500", {{"kind", "http_status"}, {"status", 500}}},
      {"HTTP 502", {{"kind", "http_status"}, {"status", 502}}},
      {"HTTP 503", {{"kind", "http_status"}, {"status", 503}}},
      {"200 with an empty body", {{"kind", "body"}, {"status", 200}, {"body", ""}}},
      {"200 with an HTML body", {{"kind", "body"}, {"status", 200}, {"body", "<html><body>Upstream error</body></html>"}}},
      {"200 with a truncated body", {{"kind", "malformed"}}},
      {"Graph code 1", {{"kind", "graph_error"}, {"code", 1}, {"status", 500}}},
      {"Graph code 2, is_transient", {{"kind", "graph_error"}, {"code", 2}, {"is_transient", true}, {"status", 503}}},
  };
}

}  // namespace

TEST_CASE("pause_campaign and update_campaign succeed after one transient failure", "[live][faults][retry]") {
  const auto transient = GENERATE_COPY(from_range(transients()));
  auto world = http_world();
  auto fault = transient.fault;
  fault["method"] = "POST";
  fault["path"] = std::string(kActiveCampaign) + "$";
  SECTION(std::string("pause_campaign after ") + transient.name) {
    arm(*world, fault);
    const auto r = call_op(*world, "pause_campaign", {{"campaign_id", kActiveCampaign}});
    INFO(r.text);
    CHECK_FALSE(r.is_error);
    CHECK(campaign_status(*world, kActiveCampaign) == "PAUSED");
  }
  SECTION(std::string("update_campaign after ") + transient.name) {
    arm(*world, fault);
    const auto r = call_op(*world, "update_campaign", {{"campaign_id", kActiveCampaign}, {"name", "Renamed once"}});
    INFO(r.text);
    CHECK_FALSE(r.is_error);
    CHECK(r.structured["data"]["campaign"]["name"] == "Renamed once");
  }
  CHECK(world->server->faults().describe().empty());  // the fault was met
}

TEST_CASE("a create is not retried on a transient Graph error: Meta answered, nothing was made", "[live][faults][retry]") {
  auto world = http_world();
  arm(*world, {{"kind", "graph_error"}, {"code", 2}, {"is_transient", true}, {"method", "POST"}, {"path", "campaigns$"}});
  const auto r = call_op(*world, "create_campaign", create_campaign_args("Transient Create"));
  REQUIRE(r.is_error);
  CHECK(campaigns_named(*world, "Transient Create") == 0);
}
