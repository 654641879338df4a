// The emulator's custom audiences: /users and /usersreplace sessions (size moves when the last batch arrives),
// rows that are not 64-hex counted invalid, the 10,000-row limit, Meta's too-small status under 1,000 people,
// lookalikes populating then ready, and deletion refused while an ad set uses the audience.
#include <catch2/catch.hpp>

#include "crypto/digest.hpp"
#include "support/fake_services.hpp"
#include "support/response_body.hpp"

using namespace fbmcp;
using nlohmann::json;

namespace {

constexpr const char* kAccount = "act_1029384756102938";

using testing::body_of;

// n distinct hashed emails, numbered from `from`.
json hashed_rows(int from, int n) {
  json rows = json::array();
  for (int i = from; i < from + n; ++i) rows.push_back(json::array({crypto::sha256_hex("person" + std::to_string(i) + "@example.com")}));
  return rows;
}

std::string new_list(fake::GraphEmulator& emulator) {
  const auto created = emulator.handle("POST", std::string(kAccount) + "/customaudiences",
                                       {{"name", "List"}, {"subtype", "CUSTOM"}, {"customer_file_source", "USER_PROVIDED_ONLY"}});
  REQUIRE(created.status == 200);
  return body_of(created)["id"];
}

json size_of(fake::GraphEmulator& emulator, const std::string& id) {
  return body_of(emulator.handle("GET", id, {{"fields", "approximate_count_lower_bound,delivery_status"}}));
}

json upload(fake::GraphEmulator& emulator, const std::string& method, const std::string& path, const json& rows,
            const json& session) {
  fake::ParamMap params{{"payload", json{{"schema", json::array({"EMAIL"})}, {"data", rows}}.dump()}};
  if (!session.is_null()) params["session"] = session.dump();
  const auto answer = emulator.handle(method, path, params);
  INFO(answer.body);
  REQUIRE(answer.status == 200);
  return body_of(answer);
}

}  // namespace

TEST_CASE("audience users: sessions apply on the last batch; invalid rows counted", "[audiences][fake]") {
  auto services = testing::fake_services();
  auto& emulator = *services->emulator;
  const std::string id = new_list(emulator);
  CHECK(size_of(emulator, id)["approximate_count_lower_bound"] == 0);

  json rows = hashed_rows(0, 3000);
  rows.push_back(json::array({"not-a-hash"}));
  rows.push_back(json::array({""}));
  auto first = upload(emulator, "POST", id + "/users", rows, {{"session_id", 7}, {"batch_seq", 1}, {"last_batch_flag", false}});
  CHECK(first["num_received"] == 3002);
  CHECK(first["num_invalid_entries"] == 2);
  CHECK(first["session_id"] == "7");
  CHECK(size_of(emulator, id)["approximate_count_lower_bound"] == 0);  // not applied before the last batch

  upload(emulator, "POST", id + "/users", hashed_rows(3000, 1000), {{"session_id", 7}, {"batch_seq", 2}, {"last_batch_flag", true}});
  const auto after = size_of(emulator, id);
  const int64_t matched = after["approximate_count_lower_bound"];
  CHECK(matched > 2000);  // about 62 % of 4,000, deterministic
  CHECK(matched < 3000);
  CHECK(after["delivery_status"]["code"] == 200);

  // Removing the same people brings the size back down by what they matched.
  upload(emulator, "DELETE", id + "/users", hashed_rows(0, 3000), json());
  const int64_t left = size_of(emulator, id)["approximate_count_lower_bound"];
  CHECK(left < 1000);
  CHECK(size_of(emulator, id)["delivery_status"]["code"] == 300);  // too small to deliver

  SECTION("usersreplace needs a session and leaves exactly the session's people") {
    CHECK(emulator.handle("POST", id + "/usersreplace", {{"payload", R"({"schema":["EMAIL"],"data":[]})"}}).status == 400);
    upload(emulator, "POST", id + "/usersreplace", hashed_rows(10000, 2000), {{"session_id", 9}, {"batch_seq", 1}, {"last_batch_flag", true}});
    const int64_t replaced = size_of(emulator, id)["approximate_count_lower_bound"];
    CHECK(replaced > 1000);
    CHECK(replaced < 1500);
  }
  SECTION("more than 10,000 rows in one request, and rows that do not match the schema, are refused") {
    fake::ParamMap big{{"payload", json{{"schema", json::array({"EMAIL"})}, {"data", hashed_rows(0, 10001)}}.dump()}};
    CHECK(emulator.handle("POST", id + "/users", big).status == 400);
    const auto mismatch = emulator.handle("POST", id + "/users", {{"payload", R"({"schema":["EMAIL","PHONE"],"data":[["a"]]})"}});
    CHECK(mismatch.status == 400);
    CHECK(body_of(mismatch)["error"]["message"] == "(#100) Data is missing or does not match schema");
  }
}

TEST_CASE("lookalikes: source of 100+, populating on the first read, ready on the next", "[audiences][fake]") {
  auto services = testing::fake_services();
  auto& emulator = *services->emulator;
  const auto create = [&](const std::string& origin, const std::string& spec) {
    return emulator.handle("POST", std::string(kAccount) + "/customaudiences",
                           {{"name", "LAL"}, {"subtype", "LOOKALIKE"}, {"origin_audience_id", origin}, {"lookalike_spec", spec}});
  };
  const auto made = create("238510000000000001", R"({"type":"custom_ratio","ratio":0.02,"country":"US"})");
  REQUIRE(made.status == 200);
  const std::string id = body_of(made)["id"];
  CHECK(size_of(emulator, id)["approximate_count_lower_bound"] == 0);
  CHECK(size_of(emulator, id)["approximate_count_lower_bound"] == 4'600'000);
  CHECK(create("238510000000000001", R"({"ratio":0.25,"country":"US"})").status == 400);
  CHECK(create("238510000000000001", R"({"ratio":0.02})").status == 400);
  CHECK(create(new_list(emulator), R"({"ratio":0.01,"country":"US"})").status == 400);  // empty source
}

TEST_CASE("deleting an audience: refused while an ad set targets it, then gone for good", "[audiences][fake]") {
  auto services = testing::fake_services();
  auto& emulator = *services->emulator;
  const std::string id = "238510000000000002";
  const auto adset = emulator.handle(
      "POST", std::string(kAccount) + "/adsets",
      {{"name", "Uses the list"}, {"campaign_id", "120210000000000003"}, {"daily_budget", "2000"},
       {"billing_event", "IMPRESSIONS"}, {"optimization_goal", "LINK_CLICKS"}, {"status", "PAUSED"},
       {"targeting", json{{"geo_locations", {{"countries", {"US"}}}}, {"custom_audiences", {{{"id", id}}}}}.dump()}});
  INFO(adset.body);
  REQUIRE(adset.status == 200);
  const auto refused = emulator.handle("DELETE", id, {});
  CHECK(refused.status == 400);
  CHECK(body_of(refused)["error"]["error_user_msg"].get<std::string>().find(body_of(adset)["id"].get<std::string>()) != std::string::npos);
  REQUIRE(emulator.handle("DELETE", body_of(adset)["id"], {}).status == 200);
  CHECK(emulator.handle("DELETE", id, {}).status == 200);
  CHECK(emulator.handle("GET", id, {}).status == 400);
}
