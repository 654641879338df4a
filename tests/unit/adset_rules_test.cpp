// The emulator's ad set rules (src/fake/rules/adset_rules.cpp): each refusal carries Graph's code/subcode and a
// message naming the field.
#include <catch2/catch.hpp>

#include "fake/rules/adset_rules.hpp"
#include "support/fake_services.hpp"
#include "support/response_body.hpp"

using namespace fbmcp;
using nlohmann::json;

namespace {

using testing::body_of;

constexpr const char* kAct = "act_1029384756102938";
constexpr const char* kCboCampaign = "120210000000000001";  // OUTCOME_SALES with a daily budget

// An ABO traffic campaign made for the test.
std::string abo_campaign(fake::GraphEmulator& emulator, const std::string& categories = "[]",
                         const std::string& objective = "OUTCOME_TRAFFIC") {
  auto created = body_of(emulator.handle("POST", std::string(kAct) + "/campaigns",
                                         {{"name", "ABO"}, {"objective", objective}, {"special_ad_categories", categories},
                                          {"status", "PAUSED"}, {"is_adset_budget_sharing_enabled", "false"}}));
  REQUIRE(created.contains("id"));
  return created["id"];
}

fake::ParamMap good_adset(const std::string& campaign_id) {
  return {{"name", "Hikers"},
          {"campaign_id", campaign_id},
          {"optimization_goal", "LINK_CLICKS"},
          {"billing_event", "IMPRESSIONS"},
          {"daily_budget", "2000"},
          {"status", "PAUSED"},
          {"targeting", R"({"geo_locations":{"countries":["US"]},"age_min":25,"age_max":45})"}};
}

// The refusal's error object, after checking it is code 100 and names `field` in blame_field_specs and text.
json refused(const graph::HttpResponse& response, const std::string& field, int subcode = 0) {
  REQUIRE(response.status == 400);
  const auto e = body_of(response)["error"];
  CHECK(e["code"] == 100);
  if (subcode) CHECK(e.value("error_subcode", 0) == subcode);
  CHECK(e["error_data"].get<std::string>().find("\"" + field + "\"") != std::string::npos);
  const auto text = e["message"].get<std::string>() + " " + e.value("error_user_msg", "");
  CHECK(text.find(field.substr(0, field.find('.'))) != std::string::npos);
  return e;
}

}  // namespace

TEST_CASE("an ad set is created under a campaign of the account, inherits it and reads back like Graph", "[fake][adsets]") {
  auto services = testing::fake_services();
  auto& emulator = *services->emulator;
  const auto campaign = abo_campaign(emulator);
  auto created = body_of(emulator.handle("POST", std::string(kAct) + "/adsets", good_adset(campaign)));
  REQUIRE(created.contains("id"));
  auto read = body_of(emulator.handle(
      "GET", created["id"],
      {{"fields", "account_id,campaign_id,daily_budget,budget_remaining,effective_status,targeting,bid_strategy"}}));
  CHECK(read["account_id"] == "1029384756102938");
  CHECK(read["campaign_id"] == campaign);
  CHECK(read["daily_budget"] == "2000");  // strings of minor units, as Graph reads budgets back
  CHECK(read["budget_remaining"] == "2000");
  CHECK(read["effective_status"] == "PAUSED");
  CHECK(read["targeting"]["age_min"] == 25);
  CHECK(read["bid_strategy"] == "LOWEST_COST_WITHOUT_CAP");
  auto listed = body_of(emulator.handle("GET", campaign + "/adsets", {}));
  CHECK(listed["data"].size() == 1);
}

TEST_CASE("ad set create refuses what Graph refuses, naming the field", "[fake][adsets]") {
  auto services = testing::fake_services();
  auto& emulator = *services->emulator;
  const auto campaign = abo_campaign(emulator);
  auto post = [&](fake::ParamMap p) { return emulator.handle("POST", std::string(kAct) + "/adsets", p); };
  auto p = good_adset(campaign);

  SECTION("campaign_id is required and must be a campaign of this account") {
    p.erase("campaign_id");
    CHECK(body_of(post(p))["error"]["message"] == "(#100) The parameter campaign_id is required");
    p["campaign_id"] = "999";
    refused(post(p), "campaign_id");
  }
  SECTION("each broken rule is refused on its own, naming its field") {
    // Changes to a good ad set (an empty value erases the param) and the field the refusal must name.
    struct Case {
      fake::ParamMap changes;
      const char* field;
    };
    const Case cases[] = {
        {{{"optimization_goal", "APP_INSTALLS"}}, "optimization_goal"},                      // not a traffic goal
        {{{"optimization_goal", "LANDING_PAGE_VIEWS"}, {"billing_event", "LINK_CLICKS"}}, "billing_event"},
        {{{"bid_strategy", "COST_CAP"}}, "bid_amount"},                                      // cap without a bid
        {{{"bid_amount", "500"}}, "bid_amount"},                                             // bid without a cap
        {{{"daily_budget", ""}}, "daily_budget"},                                            // ABO needs a budget
        {{{"daily_budget", ""}, {"lifetime_budget", "50000"}}, "end_time"},                  // lifetime needs an end
        {{{"start_time", "2026-12-10T00:00:00+0000"}, {"end_time", "2026-12-01T00:00:00+0000"}}, "end_time"},
        {{{"daily_budget", "50"}}, "daily_budget"},                                          // under the minimum
        {{{"lifetime_budget", "50000"}, {"end_time", "2026-12-31T00:00:00+0000"}}, "lifetime_budget"},  // both
    };
    for (const auto& c : cases) {
      auto broken = p;
      for (const auto& [key, value] : c.changes) {
        if (value.empty()) broken.erase(key);
        else broken[key] = value;
      }
      INFO(c.field);
      refused(post(broken), c.field);
    }
    p["optimization_goal"] = "NOT_A_GOAL";
    CHECK(body_of(post(p))["error"]["message"].get<std::string>().find("Param optimization_goal must be one of") !=
          std::string::npos);
  }
  SECTION("the same ad set with its rules met is created") {
    p["bid_strategy"] = "COST_CAP";
    p["bid_amount"] = "500";
    p.erase("daily_budget");
    p["lifetime_budget"] = "50000";
    p["start_time"] = "2026-12-01T00:00:00+0000";
    p["end_time"] = "2026-12-31T00:00:00+0000";
    CHECK(body_of(post(p)).contains("id"));
  }
  SECTION("a campaign with its own budget refuses ad set budgets (subcode 1885621)") {
    auto cbo = good_adset(kCboCampaign);
    cbo["optimization_goal"] = "OFFSITE_CONVERSIONS";
    cbo["promoted_object"] = R"({"pixel_id":"701234567890123","custom_event_type":"PURCHASE"})";
    refused(post(cbo), "daily_budget", 1885621);
    cbo.erase("daily_budget");
    CHECK(body_of(post(cbo)).contains("id"));
  }
  SECTION("goals that need a promoted object say so (subcode 1815430)") {
    const auto leads = abo_campaign(emulator, "[]", "OUTCOME_LEADS");
    auto l = good_adset(leads);
    l["optimization_goal"] = "LEAD_GENERATION";
    refused(post(l), "promoted_object", 1815430);
    l["promoted_object"] = R"({"page_id":"104000000000001"})";
    CHECK(body_of(post(l)).contains("id"));
  }
  SECTION("targeting is checked: a location is required (subcode 1885364), ages, genders, ids") {
    p["targeting"] = R"({"age_min":25})";
    auto e = refused(post(p), "targeting", 1885364);
    CHECK(e["error_user_msg"].get<std::string>().find("Select at least one location") != std::string::npos);
    p["targeting"] = R"({"geo_locations":{"countries":["US"]},"age_min":12})";
    refused(post(p), "targeting");
    p["targeting"] = R"({"geo_locations":{"countries":["US"]},"age_min":40,"age_max":30})";
    refused(post(p), "targeting");
    p["targeting"] = R"({"geo_locations":{"countries":["US"]},"genders":[3]})";
    refused(post(p), "targeting");
    p["targeting"] = R"({"geo_locations":{"countries":["ZZ"]}})";
    refused(post(p), "targeting");
    p["targeting"] = R"({"geo_locations":{"countries":["US"]},"flexible_spec":[{"interests":[{"id":"123"}]}]})";
    auto unknown = refused(post(p), "targeting");
    CHECK(unknown["error_user_msg"].get<std::string>().find("type=adinterest") != std::string::npos);
    p["targeting"] = "not json";
    refused(post(p), "targeting");
  }
  SECTION("special ad categories fix ages and genders and forbid ZIPs") {
    const auto housing = abo_campaign(emulator, R"(["HOUSING"])");
    auto h = good_adset(housing);
    refused(post(h), "targeting");  // ages 25–45
    h["targeting"] = R"({"geo_locations":{"countries":["US"]},"genders":[2]})";
    refused(post(h), "targeting");
    h["targeting"] = R"({"geo_locations":{"zips":[{"key":"US:94110"}]}})";
    refused(post(h), "targeting");
    h["targeting"] = R"({"geo_locations":{"countries":["US"]},"age_min":18,"age_max":65})";
    CHECK(body_of(post(h)).contains("id"));
  }
  SECTION("validate_only checks everything and stores nothing") {
    const auto before = emulator.count("adset");
    p["execution_options"] = R"(["validate_only"])";
    CHECK(body_of(post(p)) == json{{"success", true}});
    CHECK(emulator.count("adset") == before);
    p["optimization_goal"] = "APP_INSTALLS";
    refused(post(p), "optimization_goal");
  }
}

TEST_CASE("a campaign takes at most 200 ad sets", "[fake][adsets]") {
  auto services = testing::fake_services();
  auto& emulator = *services->emulator;
  const auto campaign = abo_campaign(emulator);
  for (int i = 0; i < 200; ++i) {
    REQUIRE(emulator.handle("POST", std::string(kAct) + "/adsets", good_adset(campaign)).status == 200);
  }
  refused(emulator.handle("POST", std::string(kAct) + "/adsets", good_adset(campaign)), "campaign_id");
  // Copying an ad set into the full campaign is refused the same way; into another campaign it works.
  const auto source = body_of(emulator.handle("GET", campaign + "/adsets", {{"limit", "1"}}))["data"][0]["id"].get<std::string>();
  refused(emulator.handle("POST", source + "/copies", {{"campaign_id", campaign}}), "campaign_id");
  const auto other = abo_campaign(emulator);
  CHECK(emulator.handle("POST", source + "/copies", {{"campaign_id", other}}).status == 200);
}

TEST_CASE("ad set updates follow the same rules; status cascades to ads; delete works", "[fake][adsets]") {
  auto services = testing::fake_services();
  auto& emulator = *services->emulator;
  const auto campaign = abo_campaign(emulator);
  const std::string id = body_of(emulator.handle("POST", std::string(kAct) + "/adsets", good_adset(campaign)))["id"];
  CHECK(body_of(emulator.handle("POST", id, {{"name", "Renamed"}, {"daily_budget", "3000"}})) == json{{"success", true}});
  auto read = body_of(emulator.handle("GET", id, {{"fields", "name,daily_budget,budget_remaining"}}));
  CHECK(read["name"] == "Renamed");
  CHECK(read["daily_budget"] == "3000");
  refused(emulator.handle("POST", id, {{"targeting", R"({"geo_locations":{"countries":["US"]},"age_max":70})"}}),
          "targeting");
  refused(emulator.handle("POST", id, {{"lifetime_budget", "90000"}}), "lifetime_budget");
  refused(emulator.handle("POST", id, {{"bid_amount", "300"}}), "bid_amount");
  refused(emulator.handle("POST", id, {{"campaign_id", kCboCampaign}}), "campaign_id");
  CHECK(emulator.handle("POST", id, {{"end_time", "2026-12-31T00:00:00+0000"}, {"start_time", "2026-12-01T00:00:00+0000"}})
            .status == 200);

  // A seed ad set with ads: pausing it pauses them (ADSET_PAUSED); pausing the campaign wins (CAMPAIGN_PAUSED).
  const std::string seed = "120211000000000001";
  auto ads = body_of(emulator.handle("GET", seed + "/ads", {{"fields", "effective_status"}}));
  REQUIRE_FALSE(ads["data"].empty());
  const std::string ad = ads["data"][0]["id"];
  CHECK(emulator.handle("POST", seed, {{"status", "PAUSED"}}).status == 200);
  CHECK(body_of(emulator.handle("GET", ad, {{"fields", "effective_status"}}))["effective_status"] == "ADSET_PAUSED");
  CHECK(emulator.handle("POST", seed, {{"status", "ACTIVE"}}).status == 200);
  CHECK(emulator.handle("POST", kCboCampaign, {{"status", "PAUSED"}}).status == 200);
  CHECK(body_of(emulator.handle("GET", seed, {{"fields", "effective_status"}}))["effective_status"] == "CAMPAIGN_PAUSED");
  CHECK(body_of(emulator.handle("GET", ad, {{"fields", "effective_status"}}))["effective_status"] == "CAMPAIGN_PAUSED");

  CHECK(body_of(emulator.handle("DELETE", id, {})) == json{{"success", true}});
  CHECK(body_of(emulator.handle("GET", id, {{"fields", "status"}}))["status"] == "DELETED");
  refused(emulator.handle("POST", id, {{"name", "again"}}), "status");
}

TEST_CASE("every fixture ad set satisfies the ad set rules", "[fake][adsets][fixtures]") {
  auto services = testing::fake_services();
  auto& emulator = *services->emulator;
  auto all = body_of(emulator.handle("GET", std::string(kAct) + "/adsets", {{"limit", "500"}}));
  // Renaming runs every rule over the whole ad set, so a seed that breaks one can't be edited.
  for (const auto& account : {"act_1029384756102938", "act_2038475610293847"}) {
    auto adsets = body_of(emulator.handle("GET", std::string(account) + "/adsets",
                                          {{"limit", "500"}, {"effective_status", R"(["ACTIVE","PAUSED","CAMPAIGN_PAUSED","ADSET_PAUSED","ARCHIVED","IN_PROCESS","WITH_ISSUES"])"}}));
    for (const auto& adset : adsets["data"]) {
      auto answer = emulator.handle("POST", adset["id"].get<std::string>(), {{"name", "Renamed"}, {"execution_options", R"(["validate_only"])"}});
      INFO(adset["id"].get<std::string>() << " " << answer.body);
      CHECK(answer.status == 200);
    }
  }
  CHECK_FALSE(all["data"].empty());
}
