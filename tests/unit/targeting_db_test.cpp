// The emulator's targeting database and the edges it backs: targeting search, estimates, sentence lines; copies;
// the same answers over HTTP, in a batch and across a state file.
#include <catch2/catch.hpp>

#include <filesystem>
#include <set>

#include "app/services.hpp"
#include "fake/targeting/audience_estimate.hpp"
#include "support/fake_services.hpp"
#include "support/response_body.hpp"

namespace fs = std::filesystem;
using namespace fbmcp;
using nlohmann::json;

namespace {

using testing::body_of;

constexpr const char* kAct = "act_1029384756102938";

json search(fake::GraphEmulator& emulator, fake::ParamMap params) {
  auto response = emulator.handle("GET", "/v24.0/search", params);
  INFO(response.body);
  REQUIRE(response.status == 200);
  return body_of(response)["data"];
}

std::vector<std::string> names(const json& data) {
  std::vector<std::string> out;
  for (const auto& item : data) out.push_back(item["name"]);
  return out;
}

int64_t upper(fake::GraphEmulator& emulator, const json& spec) {
  auto r = emulator.handle("GET", std::string(kAct) + "/reachestimate", {{"targeting_spec", spec.dump()}});
  INFO(spec.dump() << " → " << r.body);
  REQUIRE(r.status == 200);
  return body_of(r)["data"]["users_upper_bound"];
}

}  // namespace

TEST_CASE("the targeting database holds every country, realistic interests and places", "[fake][targeting]") {
  auto services = testing::fake_services();
  auto& emulator = *services->emulator;
  auto countries = search(emulator, {{"type", "adgeolocation"}, {"q", ""}, {"location_types", R"(["country"])"}, {"limit", "1000"}});
  CHECK(countries.size() >= 249);  // ISO 3166-1, plus Kosovo as Meta targets it
  for (const auto& c : countries) {
    CHECK(c["key"].get<std::string>().size() == 2);
    CHECK_FALSE(c.contains("audience"));  // the emulator's bookkeeping stays inside
  }
  auto hiking = search(emulator, {{"type", "adinterest"}, {"q", "Hiking"}});
  REQUIRE_FALSE(hiking.empty());
  CHECK(hiking[0]["name"] == "Hiking");
  CHECK(hiking[0]["id"].get<std::string>().rfind("6003", 0) == 0);
  CHECK(hiking[0]["audience_size_lower_bound"].get<int64_t>() < hiking[0]["audience_size_upper_bound"].get<int64_t>());
  CHECK(hiking[0]["path"].size() >= 3);
}

TEST_CASE("interest search ranks exact, then prefix, then word, then substring; ties by audience size", "[fake][targeting]") {
  auto services = testing::fake_services();
  auto& emulator = *services->emulator;
  auto found = names(search(emulator, {{"type", "adinterest"}, {"q", "music"}, {"limit", "50"}}));
  REQUIRE(found.size() >= 4);
  CHECK(found[0] == "Music");  // exact
  const auto at = [&](const std::string& n) { return std::find(found.begin(), found.end(), n) - found.begin(); };
  CHECK(at("Music festivals") < at("Rock music"));       // prefix before a later word
  CHECK(at("Rock music") < static_cast<long>(found.size()));
  auto camp = names(search(emulator, {{"type", "adinterest"}, {"q", "camp"}}));
  CHECK(camp[0] == "Camping");
  CHECK(search(emulator, {{"type", "adinterest"}, {"q", "zzzzqqq"}}).empty());
  auto missing = emulator.handle("GET", "search", {{"type", "adinterest"}});
  CHECK(body_of(missing)["error"]["message"] == "(#100) The parameter q is required");
  auto bad_type = body_of(emulator.handle("GET", "search", {{"type", "adsomething"}, {"q", "x"}}));
  CHECK(bad_type["error"]["message"].get<std::string>().find("Param type must be one of") != std::string::npos);
}

TEST_CASE("suggestions, categories, places and locales come in Graph's shapes", "[fake][targeting]") {
  auto services = testing::fake_services();
  auto& emulator = *services->emulator;
  auto suggested = names(search(emulator, {{"type", "adinterestsuggestion"}, {"interest_list", R"(["Hiking"])"}}));
  CHECK(std::find(suggested.begin(), suggested.end(), "Camping") != suggested.end());
  CHECK(std::find(suggested.begin(), suggested.end(), "Hiking") == suggested.end());
  auto behaviors = search(emulator, {{"type", "adTargetingCategory"}, {"class", "behaviors"}});
  REQUIRE_FALSE(behaviors.empty());
  CHECK(behaviors[0]["type"] == "behaviors");
  auto life = search(emulator, {{"type", "adTargetingCategory"}, {"class", "life_events"}});
  REQUIRE_FALSE(life.empty());
  CHECK(life[0]["path"][0] == "Demographics");
  auto cities = search(emulator, {{"type", "adgeolocation"}, {"q", "san"}, {"location_types", R"(["city"])"}, {"country_code", "US"}});
  REQUIRE_FALSE(cities.empty());
  for (const auto& c : cities) CHECK(c["type"] == "city");
  CHECK(cities[0]["name"] == "San Antonio");  // prefix matches, larger first
  auto zips = search(emulator, {{"type", "adgeolocation"}, {"q", "94110"}, {"location_types", R"(["zip"])"}});
  REQUIRE(zips.size() == 1);
  CHECK(zips[0]["key"] == "US:94110");
  auto german = search(emulator, {{"type", "adlocale"}, {"q", "german"}});
  REQUIRE_FALSE(german.empty());
  CHECK(german[0]["key"].is_number_integer());
  auto unified = body_of(emulator.handle("GET", std::string(kAct) + "/targetingsearch", {{"q", "travel"}}))["data"];
  std::set<std::string> types;
  for (const auto& item : unified) types.insert(item["type"]);
  CHECK(types.count("interests"));
  CHECK(types.count("behaviors"));
}

TEST_CASE("reach and delivery estimates answer in Graph's shapes", "[fake][targeting][estimates]") {
  auto services = testing::fake_services();
  auto& emulator = *services->emulator;
  const json spec = {{"geo_locations", {{"countries", {"US"}}}}, {"age_min", 25}, {"age_max", 45}};
  auto reach = body_of(emulator.handle("GET", std::string(kAct) + "/reachestimate", {{"targeting_spec", spec.dump()}}));
  CHECK(reach["data"]["estimate_ready"] == true);
  CHECK(reach["data"]["users_lower_bound"].get<int64_t>() > 50'000'000);
  CHECK(reach["data"]["users_lower_bound"].get<int64_t>() < reach["data"]["users_upper_bound"].get<int64_t>());
  auto delivery = body_of(emulator.handle("GET", std::string(kAct) + "/delivery_estimate",
                                          {{"targeting_spec", spec.dump()}, {"optimization_goal", "LINK_CLICKS"}}));
  const auto& d = delivery["data"][0];
  CHECK(d["estimate_ready"] == true);
  REQUIRE(d["daily_outcomes_curve"].size() > 3);
  int64_t last = -1;
  for (const auto& point : d["daily_outcomes_curve"]) {
    CHECK(point["actions"].get<int64_t>() >= last);  // more spend never buys fewer results
    last = point["actions"];
  }
  CHECK(d["estimate_dau"].get<int64_t>() < d["estimate_mau_upper_bound"].get<int64_t>());
  auto no_goal = body_of(emulator.handle("GET", std::string(kAct) + "/delivery_estimate", {{"targeting_spec", spec.dump()}}));
  CHECK(no_goal["error"]["message"] == "(#100) For field 'delivery_estimate': The parameter optimization_goal is required");
  // Invalid specs get the ad set rules' errors.
  auto nowhere = body_of(emulator.handle("GET", std::string(kAct) + "/reachestimate", {{"targeting_spec", R"({"age_min":20})"}}));
  CHECK(nowhere["error"]["error_subcode"] == 1885364);
  auto lines = body_of(emulator.handle("GET", std::string(kAct) + "/targetingsentencelines",
                                       {{"targeting_spec", R"({"geo_locations":{"countries":["US"]},"genders":[2],"interests":[{"id":"6003107902433"}]})"}}));
  const auto& items = lines["data"][0]["targetingsentencelines"];
  CHECK(items[0]["content"] == "Location:");
  CHECK(items[0]["children"][0] == "United States");
  CHECK(lines["data"][0]["params"]["genders"][0] == 2);
}

TEST_CASE("narrowing a spec never raises the estimate", "[fake][targeting][estimates][property]") {
  auto services = testing::fake_services();
  auto& emulator = *services->emulator;
  const auto interests = search(emulator, {{"type", "adinterest"}, {"q", "a"}, {"limit", "40"}});
  REQUIRE(interests.size() >= 20);
  for (const char* country : {"US", "DE", "JP", "BR", "IS"}) {
    for (size_t i = 0; i + 2 < interests.size(); i += 3) {
      json spec = {{"geo_locations", {{"countries", {country}}}}};
      int64_t previous = upper(emulator, spec);
      std::vector<json> steps;
      json narrowed = spec;
      // Each step narrows: ages, one gender, an AND-ed interest group, another group, an exclusion.
      narrowed["age_min"] = 21 + static_cast<int>(i % 10);
      steps.push_back(narrowed);
      narrowed["age_max"] = 50 - static_cast<int>(i % 7);
      steps.push_back(narrowed);
      narrowed["genders"] = {1 + static_cast<int>(i % 2)};
      steps.push_back(narrowed);
      narrowed["flexible_spec"] = {{{"interests", {{{"id", interests[i]["id"]}}}}}};
      steps.push_back(narrowed);
      narrowed["flexible_spec"].push_back({{"interests", {{{"id", interests[i + 1]["id"]}}}}});
      steps.push_back(narrowed);
      narrowed["exclusions"] = {{"interests", {{{"id", interests[i + 2]["id"]}}}}};
      steps.push_back(narrowed);
      for (const auto& step : steps) {
        auto r = emulator.handle("GET", std::string(kAct) + "/reachestimate", {{"targeting_spec", step.dump()}});
        if (r.status != 200) {
          // Too narrow is the only refusal a narrower valid spec may get.
          CHECK(body_of(r)["error"].value("error_user_title", "") == "Audience too narrow");
          break;
        }
        const int64_t now = body_of(r)["data"]["users_upper_bound"];
        INFO(step.dump());
        CHECK(now <= previous);
        previous = now;
      }
    }
  }
}

TEST_CASE("a spec of fewer than 1,000 people is too narrow", "[fake][targeting][estimates]") {
  auto services = testing::fake_services();
  auto& emulator = *services->emulator;
  const json tiny = {{"geo_locations", {{"countries", {"PN"}}}}, {"age_min", 30}, {"age_max", 31}};  // Pitcairn
  auto r = emulator.handle("GET", std::string(kAct) + "/reachestimate", {{"targeting_spec", tiny.dump()}});
  REQUIRE(r.status == 400);
  CHECK(body_of(r)["error"]["code"] == 100);
  CHECK(body_of(r)["error"]["error_data"].get<std::string>().find("targeting_spec") != std::string::npos);
}

TEST_CASE("copies answer Graph's shape; deep copies take children; status defaults to PAUSED", "[fake][copies]") {
  auto services = testing::fake_services();
  auto& emulator = *services->emulator;
  const std::string campaign = "120210000000000001";
  const auto adsets_before = emulator.count("adset");
  auto shallow = body_of(emulator.handle("POST", campaign + "/copies", {}));
  REQUIRE(shallow.contains("copied_campaign_id"));
  CHECK(shallow["ad_object_ids"].size() == 1);
  CHECK(emulator.count("adset") == adsets_before);
  auto copy = body_of(emulator.handle("GET", shallow["copied_campaign_id"], {{"fields", "name,status,source_campaign_id"}}));
  CHECK(copy["status"] == "PAUSED");
  CHECK(copy["name"].get<std::string>().find(" - Copy") != std::string::npos);
  CHECK(copy["source_campaign_id"] == campaign);

  // A synchronous deep copy takes at most 3 ads (the copies reference): campaign …004 has 3.
  auto deep = body_of(emulator.handle("POST", "120210000000000004/copies",
                                      {{"deep_copy", "true"}, {"rename_options", R"x({"rename_suffix":" (v2)"})x"}}));
  REQUIRE(deep.contains("copied_campaign_id"));
  CHECK(deep["ad_object_ids"].size() > 3);
  CHECK(emulator.count("adset") > adsets_before);
  auto copied_adsets = body_of(emulator.handle("GET", deep["copied_campaign_id"].get<std::string>() + "/adsets",
                                               {{"fields", "status,effective_status,campaign_id"}}));
  REQUIRE_FALSE(copied_adsets["data"].empty());
  for (const auto& a : copied_adsets["data"]) CHECK(a["status"] == "PAUSED");
  CHECK(body_of(emulator.handle("GET", deep["copied_campaign_id"], {{"fields", "name"}}))["name"].get<std::string>().find(" (v2)") != std::string::npos);

  // An ad set copy into a campaign with its own budget keeps its budget only where the rules allow it.
  const std::string adset = "120211000000000001";
  auto adset_copy = body_of(emulator.handle("POST", adset + "/copies", {{"status_option", "INHERITED_FROM_SOURCE"}}));
  REQUIRE(adset_copy.contains("copied_adset_id"));
  CHECK(body_of(emulator.handle("GET", adset_copy["copied_adset_id"], {{"fields", "status"}}))["status"] == "ACTIVE");
  auto bad_option = body_of(emulator.handle("POST", adset + "/copies", {{"status_option", "MAYBE"}}));
  CHECK(bad_option["error"]["message"].get<std::string>().find("status_option") != std::string::npos);
  const auto count = emulator.count("campaign");
  CHECK(body_of(emulator.handle("POST", campaign + "/copies", {{"execution_options", R"(["validate_only"])"}})) ==
        json{{"success", true}});
  CHECK(emulator.count("campaign") == count);
}

TEST_CASE("ad sets, search and estimates work over HTTP, in a batch and across a state file", "[fake][http][targeting]") {
  auto world = testing::http_world();
  auto& client = world->services->graph;
  auto searched = client->get("search", {{"type", "adinterest"}, {"q", "hiking"}});
  REQUIRE(searched);
  CHECK((*searched)["data"][0]["name"] == "Hiking");
  auto reach = client->get(std::string(kAct) + "/reachestimate",
                           {{"targeting_spec", json{{"geo_locations", {{"countries", {"DE"}}}}}}});
  REQUIRE(reach);
  CHECK((*reach)["data"]["users_upper_bound"].get<int64_t>() > 1'000'000);
  auto created = client->post(std::string(kAct) + "/adsets",
                              {{"name", "Over HTTP"},
                               {"campaign_id", "120210000000000001"},
                               {"optimization_goal", "OFFSITE_CONVERSIONS"},
                               {"billing_event", "IMPRESSIONS"},
                               {"promoted_object", json{{"pixel_id", "701234567890123"}, {"custom_event_type", "PURCHASE"}}},
                               {"targeting", json{{"geo_locations", {{"countries", {"US"}}}}}},
                               {"status", "PAUSED"}});
  REQUIRE(created);
  const std::string id = (*created)["id"];
  auto refused = client->post(id, {{"daily_budget", 5000}});
  REQUIRE_FALSE(refused);
  REQUIRE(refused.error().graph);
  CHECK(refused.error().graph->error_subcode == 1885621);

  // The Batch API runs the same rules per operation.
  auto batch = world->emulator->handle(
      "POST", "/", {{"batch", json::array({{{"method", "GET"}, {"relative_url", "search?type=adinterest&q=camping"}},
                                            {{"method", "POST"}, {"relative_url", id}, {"body", "name=Renamed%20in%20batch"}}})
                                  .dump()}});
  auto results = body_of(batch);
  REQUIRE(results.size() == 2);
  CHECK(results[0]["code"] == 200);
  CHECK(json::parse(results[0]["body"].get<std::string>())["data"][0]["name"] == "Camping");
  CHECK(json::parse(results[1]["body"].get<std::string>()) == json{{"success", true}});
}

TEST_CASE("ad sets and their targeting survive a state file", "[fake][state][adsets]") {
  char name[] = "/tmp/fbmcp-adset-state-XXXXXX";
  REQUIRE(::mkdtemp(name));
  const std::string file = std::string(name) + "/state.json";
  core::Settings settings;
  settings.mode = core::Mode::Fake;
  settings.fake_clock = testing::kFixedNow;
  settings.fake_state = file;
  std::string id;
  {
    auto emulator = app::make_emulator(settings);
    REQUIRE(emulator);
    auto created = body_of((*emulator)->handle(
        "POST", std::string(kAct) + "/adsets",
        {{"name", "Kept"}, {"campaign_id", "120210000000000001"}, {"optimization_goal", "OFFSITE_CONVERSIONS"},
         {"billing_event", "IMPRESSIONS"}, {"promoted_object", R"({"pixel_id":"701234567890123","custom_event_type":"PURCHASE"})"},
         {"targeting", R"({"geo_locations":{"countries":["US"]},"flexible_spec":[{"interests":[{"id":"6003107902433"}]}]})"}}));
    REQUIRE(created.contains("id"));
    id = created["id"];
  }
  auto again = app::make_emulator(settings);
  REQUIRE(again);
  auto read = body_of((*again)->handle("GET", id, {{"fields", "name,targeting,promoted_object"}}));
  CHECK(read["name"] == "Kept");
  CHECK(read["targeting"]["flexible_spec"][0]["interests"][0]["id"] == "6003107902433");
  CHECK(read["promoted_object"]["custom_event_type"] == "PURCHASE");
  std::error_code ignored;
  fs::remove_all(name, ignored);
}

TEST_CASE("no targeting spec or param shape crashes the emulator: every answer is 200 or a Graph error", "[fake][targeting][hostile]") {
  auto services = testing::fake_services();
  auto& emulator = *services->emulator;
  const json valid = {{"geo_locations", {{"countries", {"US"}}, {"cities", {{{"key", "2514070"}, {"radius", 10}, {"distance_unit", "mile"}}}}}},
                      {"age_min", 20},
                      {"age_max", 40},
                      {"genders", {1}},
                      {"locales", {1000}},
                      {"flexible_spec", {{{"interests", {{{"id", "6003107902433"}}}}}}},
                      {"exclusions", {{"behaviors", {{{"id", "1"}}}}}}};
  const std::vector<json> odd = {nullptr, 1, -5, 1e300, "x", json::array(), json::object(), true,
                                 json::array({json::array()}), json{{"a", 1}}, 18446744073709551615ULL};
  // Every place in the spec, replaced by every odd value.
  std::vector<json> specs;
  const auto flat = valid.flatten();
  for (const auto& [pointer, value] : flat.items()) {
    for (const auto& replacement : odd) {
      json mutated = valid;
      mutated[json::json_pointer(pointer)] = replacement;
      specs.push_back(mutated);
      json parent = valid;
      const auto ptr = json::json_pointer(pointer).parent_pointer();
      parent[ptr] = replacement;
      specs.push_back(parent);
    }
  }
  for (const auto& replacement : odd) specs.push_back(replacement);
  const auto well_formed = [](const graph::HttpResponse& r) {
    const auto body = json::parse(r.body, nullptr, false);
    return !body.is_discarded() && (r.status == 200 || (r.status == 400 && body.contains("error") &&
                                                         body["error"].contains("code")));
  };
  for (const auto& spec : specs) {
    INFO(spec.dump());
    const auto text = spec.dump();
    CHECK(well_formed(emulator.handle("GET", std::string(kAct) + "/reachestimate", {{"targeting_spec", text}})));
    CHECK(well_formed(emulator.handle("GET", std::string(kAct) + "/delivery_estimate",
                                      {{"targeting_spec", text}, {"optimization_goal", "REACH"}})));
    CHECK(well_formed(emulator.handle("GET", std::string(kAct) + "/targetingsentencelines", {{"targeting_spec", text}})));
    CHECK(well_formed(emulator.handle("POST", std::string(kAct) + "/adsets",
                                      {{"name", "Odd"}, {"campaign_id", "120210000000000001"},
                                       {"optimization_goal", "REACH"}, {"billing_event", "IMPRESSIONS"},
                                       {"targeting", text}, {"execution_options", R"(["validate_only"])"}})));
  }
  for (const auto& value : odd) {
    const auto text = value.dump();
    for (const char* key : {"type", "q", "limit", "location_types", "interest_list", "class", "country_code"}) {
      fake::ParamMap params = {{"type", "adgeolocation"}, {"q", "a"}};
      params[key] = text;
      CHECK(well_formed(emulator.handle("GET", "search", params)));
    }
    for (const char* key : {"rename_options", "status_option", "deep_copy", "start_time", "campaign_id"}) {
      CHECK(well_formed(emulator.handle("POST", "120211000000000001/copies",
                                        {{key, text}, {"execution_options", R"(["validate_only"])"}})));
    }
    for (const char* key : {"promoted_object", "bid_constraints", "bid_amount", "daily_budget", "end_time", "status"}) {
      CHECK(well_formed(emulator.handle("POST", "120211000000000001", {{key, text}, {"execution_options", R"(["validate_only"])"}})));
    }
  }
}

TEST_CASE("targeting refusals blame the path inside the spec as a list of components", "[fake][targeting]") {
  auto services = testing::fake_services();
  auto& emulator = *services->emulator;
  const auto blame = [&](const std::string& spec) {
    auto e = body_of(emulator.handle("GET", std::string(kAct) + "/reachestimate", {{"targeting_spec", spec}}))["error"];
    return json::parse(e["error_data"].get<std::string>())["blame_field_specs"];
  };
  CHECK(blame(R"({"age_min":30})") == json::array({json::array({"targeting_spec", "geo_locations"})}));
  CHECK(blame(R"({"geo_locations":{"countries":["US"]},"age_max":99})") ==
        json::array({json::array({"targeting_spec", "age_max"})}));
  CHECK(blame(R"({"geo_locations":{"countries":["US"]},"flexible_spec":[{"interests":[{"id":"1"}]}]})") ==
        json::array({json::array({"targeting_spec", "flexible_spec", "0", "interests", "0"})}));
}

TEST_CASE("custom audiences stand for the people they hold; unknown ones are refused", "[fake][targeting][estimates]") {
  auto services = testing::fake_services();
  auto& emulator = *services->emulator;
  // 238510000000000001: a customer list of about 1.3M people (fixtures/customaudiences.json).
  const json alone = {{"custom_audiences", {{{"id", "238510000000000001"}}}}};
  const auto only_audience = upper(emulator, alone);
  CHECK(only_audience > 500'000);
  CHECK(only_audience < 2'000'000);
  json with_country = alone;
  with_country["geo_locations"] = {{"countries", {"IS"}}};  // Iceland holds fewer people than the list
  CHECK(upper(emulator, with_country) < only_audience);
  json excluded = alone;
  excluded["excluded_custom_audiences"] = {{{"id", "238510000000000002"}}};
  CHECK(upper(emulator, excluded) <= only_audience);
  auto unknown = emulator.handle("GET", std::string(kAct) + "/reachestimate",
                                 {{"targeting_spec", R"({"custom_audiences":[{"id":"999"}]})"}});
  REQUIRE(unknown.status == 400);
  CHECK(body_of(unknown)["error"]["error_data"].get<std::string>().find("custom_audiences") != std::string::npos);
}
