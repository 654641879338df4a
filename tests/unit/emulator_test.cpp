#include <catch2/catch.hpp>

#include <set>

#include "fake/edge_listing.hpp"
#include "graph/graph_time.hpp"
#include "support/fake_services.hpp"
#include "support/response_body.hpp"

using namespace fbmcp;
using nlohmann::json;

namespace {

using testing::body_of;

std::string first_usd_account(fake::GraphEmulator& emulator) {
  auto accounts = body_of(emulator.handle("GET", "me/adaccounts", {{"fields", "currency,account_status"}, {"limit", "100"}}));
  for (const auto& a : accounts["data"]) {
    if (a["currency"] == "USD" && a["account_status"] == 1) return a["id"];
  }
  FAIL("fixtures need an active USD account");
  return {};
}

}  // namespace

TEST_CASE("nodes return only id unless fields are asked for; unknown fields are Graph errors", "[fake]") {
  auto services = testing::fake_services();
  auto& emulator = *services->emulator;
  const auto act = first_usd_account(emulator);
  CHECK(body_of(emulator.handle("GET", act, {})) == json{{"id", act}});
  auto named = body_of(emulator.handle("GET", "/v24.0/" + act, {{"fields", "name,currency"}}));
  CHECK(named["currency"] == "USD");
  auto bad = emulator.handle("GET", act, {{"fields", "name,not_a_field"}});
  CHECK(bad.status == 400);
  CHECK(body_of(bad)["error"]["code"] == 100);
  CHECK(body_of(bad)["error"]["message"].get<std::string>().find("nonexisting field (not_a_field)") != std::string::npos);
}

TEST_CASE("unknown ids and edges answer like Graph", "[fake]") {
  auto services = testing::fake_services();
  auto missing = body_of(services->emulator->handle("GET", "999999999", {}));
  CHECK(missing["error"]["code"] == 100);
  CHECK(missing["error"]["error_subcode"] == 33);
  CHECK_FALSE(missing["error"]["fbtrace_id"].get<std::string>().empty());
  auto act = first_usd_account(*services->emulator);
  auto edge = body_of(services->emulator->handle("GET", act + "/nonsense", {}));
  CHECK(edge["error"]["code"] == 2500);
}

TEST_CASE("cursor paging walks an edge exactly once; next is absent on the last page", "[fake][paging]") {
  auto services = testing::fake_services();
  auto& emulator = *services->emulator;
  const auto act = first_usd_account(emulator);
  fake::ParamMap params = {{"limit", "3"}, {"effective_status", R"(["ACTIVE","PAUSED","ARCHIVED","DELETED","IN_PROCESS","WITH_ISSUES"])"}};
  std::set<std::string> seen;
  int pages = 0;
  for (; pages < 100; ++pages) {
    auto page = body_of(emulator.handle("GET", act + "/campaigns", params));
    for (const auto& c : page["data"]) CHECK(seen.insert(c["id"].get<std::string>()).second);
    if (!page["paging"].contains("next")) break;
    params["after"] = page["paging"]["cursors"]["after"];
  }
  CHECK(pages < 100);
  auto all = body_of(emulator.handle("GET", act + "/campaigns", {{"limit", "500"}, {"effective_status", params["effective_status"]}}));
  CHECK(seen.size() == all["data"].size());
  CHECK(seen.size() > 3);
}

TEST_CASE("campaign creation follows Graph's validation rules", "[fake][campaigns]") {
  auto services = testing::fake_services();
  auto& emulator = *services->emulator;
  const auto act = first_usd_account(emulator);
  fake::ParamMap good = {{"name", "T"}, {"objective", "OUTCOME_TRAFFIC"}, {"special_ad_categories", "[]"},
                         {"status", "PAUSED"}, {"daily_budget", "2500"}};
  SECTION("special_ad_categories is required") {
    auto p = good;
    p.erase("special_ad_categories");
    auto e = body_of(emulator.handle("POST", act + "/campaigns", p));
    CHECK(e["error"]["message"] == "(#100) The parameter special_ad_categories is required");
  }
  SECTION("objective must be one of the SDK's values") {
    auto p = good;
    p["objective"] = "SELL_STUFF";
    auto e = body_of(emulator.handle("POST", act + "/campaigns", p));
    CHECK(e["error"]["message"].get<std::string>().find("OUTCOME_TRAFFIC") != std::string::npos);
  }
  SECTION("no campaign budget needs is_adset_budget_sharing_enabled (v24)") {
    auto p = good;
    p.erase("daily_budget");
    auto e = body_of(emulator.handle("POST", act + "/campaigns", p));
    CHECK(e["error"]["error_user_msg"].get<std::string>().find("is_adset_budget_sharing_enabled") != std::string::npos);
    p["is_adset_budget_sharing_enabled"] = "false";
    CHECK(body_of(emulator.handle("POST", act + "/campaigns", p)).contains("id"));
  }
  SECTION("validate_only changes nothing") {
    const auto before = emulator.count("campaign");
    auto p = good;
    p["execution_options"] = R"(["validate_only"])";
    CHECK(body_of(emulator.handle("POST", act + "/campaigns", p)) == json{{"success", true}});
    CHECK(emulator.count("campaign") == before);
  }
  SECTION("a created campaign is listed, updated and deleted for the life of the process") {
    auto created = body_of(emulator.handle("POST", act + "/campaigns", good));
    const std::string id = created["id"];
    auto list = body_of(emulator.handle("GET", act + "/campaigns", {{"limit", "1"}, {"fields", "name,daily_budget"}}));
    CHECK(list["data"][0]["id"] == id);  // newest first
    CHECK(list["data"][0]["daily_budget"] == "2500");  // budgets read back as strings
    CHECK(body_of(emulator.handle("POST", id, {{"name", "Renamed"}})) == json{{"success", true}});
    CHECK(body_of(emulator.handle("GET", id, {{"fields", "name"}}))["name"] == "Renamed");
    CHECK(body_of(emulator.handle("DELETE", id, {})) == json{{"success", true}});
    CHECK(body_of(emulator.handle("GET", id, {{"fields", "status"}}))["status"] == "DELETED");
    auto after = body_of(emulator.handle("GET", act + "/campaigns", {{"limit", "500"}}));
    for (const auto& c : after["data"]) CHECK(c["id"] != id);  // deleted ones are hidden by default
  }
}

TEST_CASE("batch runs up to 50 operations in order with per-item results and references", "[fake][batch]") {
  auto services = testing::fake_services();
  auto& emulator = *services->emulator;
  const auto act = first_usd_account(emulator);
  json batch = json::array(
      {{{"method", "POST"}, {"name", "c"}, {"relative_url", act + "/campaigns"},
        {"body", "name=Batch&objective=OUTCOME_SALES&special_ad_categories=%5B%5D&daily_budget=5000&status=PAUSED"}},
       {{"method", "GET"}, {"relative_url", "v24.0/{result=c:$.id}?fields=name,status"}},
       {{"method", "GET"}, {"relative_url", "424242"}}});
  auto response = emulator.handle("POST", "", {{"batch", batch.dump()}});
  auto items = body_of(response);
  REQUIRE(items.size() == 3);
  CHECK(items[0]["code"] == 200);
  CHECK(json::parse(items[1]["body"].get<std::string>())["name"] == "Batch");
  CHECK(items[2]["code"] == 400);
  json too_many = json::array();
  for (int i = 0; i < 51; ++i) too_many.push_back({{"method", "GET"}, {"relative_url", act}});
  CHECK(body_of(emulator.handle("POST", "", {{"batch", too_many.dump()}}))["error"]["code"] == 100);
}

TEST_CASE("usage headers come with every response and move with load", "[fake][usage]") {
  auto services = testing::fake_services();
  auto& emulator = *services->emulator;
  const auto act = first_usd_account(emulator);
  auto first = emulator.handle("GET", act, {});
  REQUIRE(first.headers.count("x-app-usage"));
  REQUIRE(first.headers.count("x-ad-account-usage"));
  REQUIRE(first.headers.count("x-business-use-case-usage"));
  graph::HttpResponse last;
  for (int i = 0; i < 60; ++i) last = emulator.handle("GET", act, {});
  const auto before = json::parse(first.headers["x-ad-account-usage"])["acc_id_util_pct"].get<double>();
  const auto after = json::parse(last.headers["x-ad-account-usage"])["acc_id_util_pct"].get<double>();
  CHECK(after > before);
}

TEST_CASE("cursors round-trip", "[fake][paging]") {
  CHECK(fake::decode_cursor(fake::encode_cursor("120210000000000001")) == "120210000000000001");
  CHECK(fake::decode_cursor("!!!") == "");
}

TEST_CASE("campaign times must be dates: Graph refuses others with code 100 naming the field", "[fake][campaign]") {
  auto services = testing::fake_services();
  auto& emulator = *services->emulator;
  const auto act = first_usd_account(emulator);
  fake::ParamMap create = {{"name", "Timed"}, {"objective", "OUTCOME_TRAFFIC"}, {"special_ad_categories", "[]"},
                           {"daily_budget", "5000"}, {"status", "PAUSED"}};
  for (const char* field : {"start_time", "stop_time"}) {
    for (const std::string bad : {"not a date", "2026-13-01T00:00:00+0000", "2026-12-01T00:00:00+07:00x", ""}) {
      INFO(field << " = " << bad);
      auto params = create;
      params[field] = bad;
      auto r = emulator.handle("POST", act + "/campaigns", params);
      CHECK(r.status == 400);
      CHECK(body_of(r)["error"]["code"] == 100);
      CHECK(body_of(r)["error"]["error_data"].get<std::string>().find(field) != std::string::npos);
    }
  }
  auto params = create;
  params["start_time"] = "2026-12-01T00:00:00+0000";
  params["stop_time"] = "1798761600";  // Unix seconds are accepted too
  auto created = emulator.handle("POST", act + "/campaigns", params);
  REQUIRE(created.status == 200);
  const std::string id = body_of(created)["id"];
  auto update = emulator.handle("POST", id, {{"start_time", "not a date"}});
  CHECK(update.status == 400);
  CHECK(body_of(update)["error"]["error_data"].get<std::string>().find("start_time") != std::string::npos);
  CHECK(emulator.handle("POST", id, {{"start_time", "2026-12-02T00:00:00-0700"}}).status == 200);
}

TEST_CASE("a cursor from another list, or none at all, is refused like Graph does (#2642)", "[fake][paging]") {
  auto services = testing::fake_services();
  auto& emulator = *services->emulator;
  const auto act = first_usd_account(emulator);
  auto page = body_of(emulator.handle("GET", act + "/campaigns", {{"limit", "2"}}));
  const std::string own = page["paging"]["cursors"]["after"];
  CHECK(emulator.handle("GET", act + "/campaigns", {{"limit", "2"}, {"after", own}}).status == 200);
  // The same cursor continues even when a filter hides the object it names.
  CHECK(emulator.handle("GET", act + "/campaigns", {{"after", own}, {"effective_status", R"(["ARCHIVED"])"}}).status == 200);
  auto accounts = body_of(emulator.handle("GET", "me/adaccounts", {{"limit", "1"}}));
  for (const std::string& foreign : {accounts["paging"]["cursors"]["after"].get<std::string>(), std::string("!"),
                                    fake::encode_cursor("999")}) {
    INFO(foreign);
    auto r = emulator.handle("GET", act + "/campaigns", {{"after", foreign}});
    CHECK(r.status == 400);
    CHECK(body_of(r)["error"]["code"] == 2642);
    CHECK(body_of(r)["error"]["message"] == "(#2642) Invalid cursors values");
  }
}

TEST_CASE("new campaigns take only ODAX objectives; old legacy ones still read", "[fake][campaigns]") {
  auto services = testing::fake_services();
  auto& emulator = *services->emulator;
  const auto act = first_usd_account(emulator);
  fake::ParamMap p = {{"name", "T"}, {"objective", "LINK_CLICKS"}, {"special_ad_categories", "[]"},
                      {"status", "PAUSED"}, {"daily_budget", "2500"}};
  for (const char* legacy : {"LINK_CLICKS", "CONVERSIONS", "REACH", "POST_ENGAGEMENT"}) {
    p["objective"] = legacy;
    for (const bool dry_run : {false, true}) {
      if (dry_run) p["execution_options"] = R"(["validate_only"])";
      auto r = emulator.handle("POST", act + "/campaigns", p);
      CHECK(r.status == 400);
      const auto e = body_of(r)["error"];
      CHECK(e["code"] == 100);
      CHECK(e["message"] == std::string("(#100) Objective ") + legacy +
                                " is invalid. Use one of: OUTCOME_LEADS, OUTCOME_SALES, OUTCOME_ENGAGEMENT, "
                                "OUTCOME_AWARENESS, OUTCOME_TRAFFIC, OUTCOME_APP_PROMOTION.");
      CHECK(json::parse(e["error_data"].get<std::string>())["blame_field_specs"][0][0] == "objective");
      p.erase("execution_options");
    }
  }
  // Fixture campaigns made before ODAX keep their objective and read back as they are.
  auto old = body_of(emulator.handle("GET", "120210000000000012", {{"fields", "objective,status"}}));
  CHECK(old["objective"] == "LINK_CLICKS");
  CHECK(old["status"] == "ARCHIVED");
}

TEST_CASE("an archived campaign can only be renamed or deleted", "[fake][campaigns]") {
  auto services = testing::fake_services();
  auto& emulator = *services->emulator;
  const std::string archived = "120210000000000007";
  REQUIRE(body_of(emulator.handle("GET", archived, {{"fields", "status"}}))["status"] == "ARCHIVED");
  for (const char* status : {"ACTIVE", "PAUSED"}) {
    auto r = emulator.handle("POST", archived, {{"status", status}});
    CHECK(r.status == 400);
    const auto e = body_of(r)["error"];
    CHECK(e["code"] == 100);
    CHECK(json::parse(e["error_data"].get<std::string>())["blame_field_specs"][0][0] == "status");
    CHECK(e["error_user_msg"].get<std::string>().find("can only be deleted") != std::string::npos);
  }
  auto budget = body_of(emulator.handle("POST", archived, {{"lifetime_budget", "400000"}}));
  CHECK(json::parse(budget["error"]["error_data"].get<std::string>())["blame_field_specs"][0][0] == "lifetime_budget");
  CHECK(body_of(emulator.handle("GET", archived, {{"fields", "status"}}))["status"] == "ARCHIVED");
  CHECK(emulator.handle("POST", archived, {{"name", "Old gift guide"}}).status == 200);
  CHECK(emulator.handle("POST", archived, {{"status", "DELETED"}}).status == 200);
  CHECK(body_of(emulator.handle("GET", archived, {{"fields", "name,status"}})) ==
        json{{"id", archived}, {"name", "Old gift guide"}, {"status", "DELETED"}});
  // Graph's DELETE is the other way to the same end.
  CHECK(emulator.handle("DELETE", "120210000000000022", {}).status == 200);
}

TEST_CASE("fixture campaigns and ad sets never stop before they start", "[fake][fixtures]") {
  auto services = testing::fake_services();
  auto& emulator = *services->emulator;
  const std::string every_status = R"(["ACTIVE","PAUSED","ARCHIVED","DELETED","IN_PROCESS","WITH_ISSUES"])";
  auto accounts = body_of(emulator.handle("GET", "me/adaccounts", {{"limit", "100"}}));
  size_t checked = 0;
  for (const auto& account : accounts["data"]) {
    for (const auto& [edge, stop] : {std::pair{"campaigns", "stop_time"}, std::pair{"adsets", "end_time"}}) {
      auto list = body_of(emulator.handle("GET", account["id"].get<std::string>() + "/" + edge,
                                          {{"fields", std::string("name,start_time,") + stop},
                                           {"effective_status", every_status},
                                           {"limit", "500"}}));
      for (const auto& item : list["data"]) {
        if (!item.contains(stop)) continue;
        INFO(edge << " " << item.dump());
        const auto start = graph::parse_graph_time(item["start_time"]);
        const auto end = graph::parse_graph_time(item[stop]);
        REQUIRE(start);
        REQUIRE(end);
        CHECK(*start < *end);
        ++checked;
      }
    }
  }
  CHECK(checked > 5);
}

TEST_CASE("errors the fake server raises in front of the emulator each get their own fbtrace_id", "[fake][faults]") {
  auto services = testing::fake_services();
  std::set<std::string> seen;
  for (int i = 0; i < 4; ++i) CHECK(seen.insert(services->emulator->next_fbtrace_id()).second);
  CHECK(seen.insert(body_of(services->emulator->handle("GET", "404404404", {}))["error"]["fbtrace_id"]).second);
}

TEST_CASE("batch references resolve by hand-scanning; near-misses and very long inputs are left alone", "[fake][batch]") {
  auto services = testing::fake_services();
  auto& emulator = *services->emulator;
  const auto act = first_usd_account(emulator);
  // Two references in one url, a "{" that is not one, and a reference to a name nobody gave (resolves to empty).
  json batch = json::array(
      {{{"method", "GET"}, {"name", "a"}, {"relative_url", "120210000000000001"}},
       {{"method", "GET"}, {"name", "list"}, {"relative_url", act + "/campaigns?limit=2"}},
       {{"method", "GET"}, {"relative_url", "?ids={result=a:$.id},{result=list:$.data.*.id}&fields={x"}},
       {{"method", "GET"}, {"relative_url", "{result=nobody:$.id}v24.0/120210000000000001?fields=name"}},
       {{"method", "GET"}, {"relative_url", "/v24.0/{result=a:$.id}"}}});
  auto items = body_of(emulator.handle("POST", "", {{"batch", batch.dump()}}));
  REQUIRE(items.size() == 5);
  CHECK(items[0]["code"] == 200);
  CHECK(json::parse(items[3]["body"].get<std::string>())["name"].is_string());  // the unknown reference became ""
  CHECK(json::parse(items[4]["body"].get<std::string>()) == json{{"id", "120210000000000001"}});
  // A megabyte of almost-reference must neither crash nor hang the emulator (std::regex would recurse per char).
  const std::string hostile = "{result=" + std::string(1 << 20, 'a') + ":$." + std::string(1 << 20, 'b');
  json long_batch = json::array({{{"method", "GET"}, {"relative_url", act}, {"body", hostile}}});
  auto survived = emulator.handle("POST", "", {{"batch", long_batch.dump()}});
  CHECK(survived.status == 200);
  CHECK(emulator.handle("GET", "v2x.0/" + act, {}).status == 400);       // not a version: a node id
  CHECK(emulator.handle("GET", "/v24.0/" + act, {}).status == 200);
}

TEST_CASE("node fields expand like Graph: an ad set's campaign as {id}, or with the fields asked in braces", "[fake]") {
  auto services = testing::fake_services();
  auto& emulator = *services->emulator;
  const auto act = first_usd_account(emulator);
  const auto adsets = body_of(emulator.handle("GET", act + "/adsets", {{"fields", "campaign_id"}, {"limit", "1"}}));
  REQUIRE(adsets["data"].size() == 1);
  const std::string adset = adsets["data"][0]["id"];
  const std::string campaign = adsets["data"][0]["campaign_id"];

  CHECK(body_of(emulator.handle("GET", adset, {{"fields", "campaign"}}))["campaign"] == json{{"id", campaign}});
  const auto expanded = body_of(emulator.handle("GET", adset, {{"fields", "name,campaign{name,objective}"}}));
  CHECK(expanded["campaign"]["id"] == campaign);
  CHECK(expanded["campaign"]["objective"] ==
        body_of(emulator.handle("GET", campaign, {{"fields", "objective"}}))["objective"]);
  // A list row expands the same way.
  const auto row = body_of(emulator.handle("GET", act + "/adsets", {{"fields", "campaign{name}"}, {"limit", "1"}}));
  CHECK(row["data"][0]["campaign"]["id"] == campaign);
  // The expanded node's fields are checked against its own type.
  auto bad = emulator.handle("GET", adset, {{"fields", "campaign{optimization_goal}"}});
  CHECK(bad.status == 400);
  CHECK(body_of(bad)["error"]["message"].get<std::string>().find("nonexisting field (optimization_goal)") !=
        std::string::npos);
}

TEST_CASE("an edge filtered by id IN a list answers exactly those of its objects", "[fake]") {
  auto services = testing::fake_services();
  auto& emulator = *services->emulator;
  const auto act = first_usd_account(emulator);
  const auto all = body_of(emulator.handle("GET", act + "/adsets", {{"limit", "3"}}));
  REQUIRE(all["data"].size() >= 2);
  const json wanted = {all["data"][0]["id"], all["data"][1]["id"], "999999999999"};
  const json filter = json::array({{{"field", "id"}, {"operator", "IN"}, {"value", wanted}}});
  const auto some = body_of(emulator.handle("GET", act + "/adsets", {{"filtering", filter.dump()}}));
  REQUIRE(some["data"].size() == 2);
  CHECK(some["data"][0]["id"] == wanted[0]);
  CHECK(some["data"][1]["id"] == wanted[1]);
}

TEST_CASE("a create that names fields reads them back; a bad field is an error carrying the create's answer", "[fake]") {
  auto services = testing::fake_services();
  auto& emulator = *services->emulator;
  const auto act = first_usd_account(emulator);
  const fake::ParamMap campaign = {{"name", "Read after write"}, {"objective", "OUTCOME_TRAFFIC"},
                                   {"special_ad_categories", "[]"}, {"status", "PAUSED"},
                                   {"is_adset_budget_sharing_enabled", "false"}};
  auto with_fields = campaign;
  with_fields.emplace("fields", "name,status,objective");
  const auto created = body_of(emulator.handle("POST", act + "/campaigns", with_fields));
  REQUIRE(created.contains("id"));
  CHECK(created["name"] == "Read after write");
  CHECK(created["status"] == "PAUSED");
  CHECK(created["objective"] == "OUTCOME_TRAFFIC");

  auto bad_fields = campaign;
  bad_fields.emplace("fields", "name,not_a_field");
  const auto refused = emulator.handle("POST", act + "/campaigns", bad_fields);
  CHECK(refused.status == 400);
  const auto error = body_of(refused)["error"];
  CHECK(error["code"] == 100);
  REQUIRE(error.contains("original_response"));
  const std::string made = error["original_response"]["id"];
  // The campaign was made all the same, as on Graph.
  CHECK(body_of(emulator.handle("GET", made, {{"fields", "name"}}))["name"] == "Read after write");
}
