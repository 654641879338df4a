// Issue 14's leftovers: write results carry their journal change_id; a launch_ad that fails and cannot clean up
// leaves a journal row undo_change deletes; undo_change puts back an ad's creative and tracking_specs, a campaign's
// special_ad_categories and an account's spend_cap; fake mode's journal lives beside its --state file across
// processes; duplicate_campaign refuses a tree of more than 51 ads before copying anything.
#include <catch2/catch.hpp>

#include <sys/stat.h>

#include <filesystem>

#include "fake/async_requests.hpp"
#include "integration/live_faults.hpp"
#include "store/change_journal.hpp"
#include "support/fake_services.hpp"
#include "support/sample_launch.hpp"
#include "support/subprocess.hpp"
#include "support/temp_dir.hpp"

using namespace fbmcp;
using nlohmann::json;
using testing::call;
using testing::call_confirmed;

namespace {

constexpr const char* kFollowupAct = "act_1029384756102938";
constexpr const char* kFollowupCampaign = "120210000000000001";  // ACTIVE, 3 ad sets, 6 ads
constexpr const char* kFollowupAdset = "120211000000000001";
constexpr const char* kFollowupAd = "120212000000000001";        // creative 120213000000000001
constexpr const char* kEurCapAct = "act_2038475610293847";       // spend_cap 150000.00 EUR, 73391.20 spent

std::vector<store::ChangeRecord> followup_rows(app::Services& services) {
  auto page = services.journal->list({}, 1000);
  REQUIRE(page);
  return page->records;
}

json node_of(app::Services& services, const std::string& id, const std::string& fields) {
  auto r = services.emulator->handle("GET", id, {{"fields", fields}});
  INFO(r.body);
  REQUIRE(r.status == 200);
  return json::parse(r.body);
}

json launch_that_fails_at_the_creative() { return testing::sample_launch_failing_at_the_creative("Left Behind 2026"); }

}  // namespace

TEST_CASE("a write result carries its journal change_id, which undo_change takes as it is", "[journal][change_id]") {
  auto services = testing::fake_services();
  auto renamed = call(*services, "update_campaign", {{"campaign_id", kFollowupCampaign}, {"name", "Renamed once"}});
  INFO(renamed.text);
  REQUIRE_FALSE(renamed.is_error);
  const auto rows = followup_rows(*services);
  REQUIRE(rows.size() == 1);
  REQUIRE(renamed.structured["data"].contains("change_id"));
  CHECK(renamed.structured["data"]["change_id"] == rows.front().id);
  CHECK(rows.front().id == 1);  // numbered from 1 in every fresh journal: goldens hold

  auto undone = call(*services, "undo_change", {{"change_id", renamed.structured["data"]["change_id"]}});
  INFO(undone.text);
  REQUIRE_FALSE(undone.is_error);
  // The undo's own row is its change_id; the change it put back is undo_of.
  CHECK(undone.structured["data"]["change_id"] == 2);
  CHECK(undone.structured["data"]["undo_of"] == 1);
  CHECK(node_of(*services, kFollowupCampaign, "name")["name"] == "Black Friday 2026 – Retargeting");

  // Reads, dry runs and refusals are not journaled and carry none.
  auto read = call(*services, "get_campaign", {{"campaign_id", kFollowupCampaign}});
  CHECK_FALSE(read.structured["data"].contains("change_id"));
  auto dry = call(*services, "update_campaign", {{"campaign_id", kFollowupCampaign}, {"name", "x"}, {"dry_run", true}});
  REQUIRE_FALSE(dry.is_error);
  CHECK_FALSE(dry.structured["data"].contains("change_id"));
}

TEST_CASE("a launch_ad whose clean-up fails leaves a journal row; undo_change deletes what was left",
          "[journal][launch_ad][http][faults]") {
  auto world = testing::http_world();
  const auto campaigns = world->emulator->count_not_deleted("campaign");
  const auto adsets = world->emulator->count_not_deleted("adset");
  // The first batch (the creates) passes; the clean-up batch of DELETEs that follows is refused, every time.
  testing::arm(*world, {{"kind", "graph_error"}, {"code", 100}, {"is_transient", false}, {"message", "armed"},
                        {"method", "POST"}, {"path", "^/(v[0-9.]+)?/?$"}, {"skip", 1}, {"count", 20}});
  auto failed = testing::call_op(*world, "launch_ad", launch_that_fails_at_the_creative());
  INFO(failed.text);
  REQUIRE(failed.is_error);
  world->server->faults().clear();
  const auto& error = failed.structured["error"];
  CHECK(error["message"].get<std::string>().find("left behind, PAUSED") != std::string::npos);
  REQUIRE(error["detail"].contains("change_id"));
  const int64_t change = error["detail"]["change_id"];
  CHECK(error["hint"].get<std::string>().find("undo_change {\"change_id\": " + std::to_string(change) + "}") !=
        std::string::npos);
  CHECK(world->emulator->count_not_deleted("campaign") == campaigns + 1);
  CHECK(world->emulator->count_not_deleted("adset") == adsets + 1);

  auto listed = testing::call_op(*world, "list_changes", {{"op", "launch_ad"}});
  INFO(listed.text);
  REQUIRE_FALSE(listed.is_error);
  REQUIRE(listed.structured["data"]["items"].size() == 1);
  const auto& row = listed.structured["data"]["items"][0];
  CHECK(row["change_id"] == change);
  CHECK(row["outcome"] == "left_behind");
  REQUIRE(row["items"].size() == 2);
  CHECK(row["items"][0]["kind"] == "campaign");
  CHECK(row["items"][1]["kind"] == "adset");
  for (const auto& item : row["items"]) {
    CHECK(item["action"] == "create");
    CHECK(item["note"].get<std::string>().find("clean-up could not delete it") != std::string::npos);
  }

  // Deleting asks first, then removes both, newest first.
  auto preview = testing::call_op(*world, "undo_change", {{"change_id", change}});
  REQUIRE(preview.structured.value("needs_confirmation", false));
  CHECK(world->emulator->count_not_deleted("campaign") == campaigns + 1);
  auto undone = call_confirmed(*world->services, "undo_change", {{"change_id", change}});
  INFO(undone.text);
  REQUIRE_FALSE(undone.is_error);
  CHECK(world->emulator->count_not_deleted("campaign") == campaigns);
  CHECK(world->emulator->count_not_deleted("adset") == adsets);
}

TEST_CASE("a launch_ad that cleaned up after itself leaves no journal row", "[journal][launch_ad]") {
  auto services = testing::fake_services();
  auto failed = call(*services, "launch_ad", launch_that_fails_at_the_creative());
  REQUIRE(failed.is_error);
  CHECK_FALSE(failed.structured["error"]["detail"].contains("change_id"));
  CHECK(followup_rows(*services).empty());
}

TEST_CASE("undo_change round trip: an ad's creative", "[journal][undo_change]") {
  auto services = testing::fake_services();
  auto changed = call(*services, "update_ad", {{"ad_id", kFollowupAd}, {"creative_id", "120213000000000002"}});
  INFO(changed.text);
  REQUIRE_FALSE(changed.is_error);
  CHECK(node_of(*services, kFollowupAd, "creative")["creative"]["id"] == "120213000000000002");
  auto undone = call_confirmed(*services, "undo_change", {{"change_id", changed.structured["data"]["change_id"]}});
  INFO(undone.text);
  REQUIRE_FALSE(undone.is_error);
  CHECK(node_of(*services, kFollowupAd, "creative")["creative"]["id"] == "120213000000000001");
}

TEST_CASE("undo_change round trip: an ad's tracking_specs; none before cannot be put back", "[journal][undo_change]") {
  auto services = testing::fake_services();
  // An ad with no tracking specs before: an update cannot take them away again, and undo says so.
  const json pixel = json::array({{{"action.type", {"offsite_conversion"}}, {"fb_pixel", {"1234567890"}}}});
  auto first = call(*services, "update_ad", {{"ad_id", kFollowupAd}, {"tracking_specs", pixel}});
  INFO(first.text);
  REQUIRE_FALSE(first.is_error);
  auto refused = call(*services, "undo_change", {{"change_id", first.structured["data"]["change_id"]}});
  REQUIRE(refused.is_error);
  CHECK(refused.text.find("had no tracking_specs before") != std::string::npos);

  const json other = json::array({{{"action.type", {"offsite_conversion"}}, {"fb_pixel", {"9876543210"}}}});
  auto second = call(*services, "update_ad", {{"ad_id", kFollowupAd}, {"tracking_specs", other}});
  INFO(second.text);
  REQUIRE_FALSE(second.is_error);
  CHECK(node_of(*services, kFollowupAd, "tracking_specs")["tracking_specs"] == other);
  auto undone = call_confirmed(*services, "undo_change", {{"change_id", second.structured["data"]["change_id"]}});
  INFO(undone.text);
  REQUIRE_FALSE(undone.is_error);
  CHECK(node_of(*services, kFollowupAd, "tracking_specs")["tracking_specs"] == pixel);
}

TEST_CASE("undo_change round trip: a campaign's special_ad_categories", "[journal][undo_change]") {
  auto services = testing::fake_services();
  const json before = node_of(*services, kFollowupCampaign, "special_ad_categories")["special_ad_categories"];
  auto changed = call(*services, "update_campaign",
                      {{"campaign_id", kFollowupCampaign}, {"special_ad_categories", {"EMPLOYMENT"}}});
  INFO(changed.text);
  REQUIRE_FALSE(changed.is_error);
  CHECK(node_of(*services, kFollowupCampaign, "special_ad_categories")["special_ad_categories"] ==
        json::array({"EMPLOYMENT"}));
  auto undone = call_confirmed(*services, "undo_change", {{"change_id", changed.structured["data"]["change_id"]}});
  INFO(undone.text);
  REQUIRE_FALSE(undone.is_error);
  CHECK(node_of(*services, kFollowupCampaign, "special_ad_categories")["special_ad_categories"] == before);
}

TEST_CASE("undo_change of special_ad_categories that Meta refuses says what to do instead",
          "[journal][undo_change][http][faults]") {
  auto world = testing::http_world();
  auto changed = testing::call_op(*world, "update_campaign",
                                  {{"campaign_id", kFollowupCampaign}, {"special_ad_categories", {"EMPLOYMENT"}}});
  INFO(changed.text);
  REQUIRE_FALSE(changed.is_error);
  testing::arm(*world, {{"kind", "graph_error"}, {"code", 100}, {"is_transient", false}, {"message", "Invalid parameter"},
                        {"method", "POST"}, {"path", std::string(kFollowupCampaign) + "$"}});
  auto refused = testing::call_op(*world, "undo_change", {{"change_id", changed.structured["data"]["change_id"]}});
  INFO(refused.text);
  REQUIRE(refused.is_error);
  CHECK(refused.structured["error"]["hint"].get<std::string>().find("special_ad_categories go back") !=
        std::string::npos);
  CHECK(refused.structured["error"]["hint"].get<std::string>().find("create_campaign") != std::string::npos);
}

TEST_CASE("undo_change round trip: an account's spend_cap; putting back a higher or no limit asks first",
          "[journal][undo_change][accounts]") {
  auto services = testing::fake_services();
  SECTION("a lowered limit raised back") {
    auto lowered = call(*services, "update_spending_limit", {{"ad_account_id", kEurCapAct}, {"spend_cap", {{"amount", "100000.00"}}}});
    INFO(lowered.text);
    REQUIRE_FALSE(lowered.is_error);
    CHECK(node_of(*services, kEurCapAct, "spend_cap")["spend_cap"] == "10000000");
    const auto change = lowered.structured["data"]["change_id"];
    auto preview = call(*services, "undo_change", {{"change_id", change}});
    INFO(preview.text);
    REQUIRE(preview.structured.value("needs_confirmation", false));
    CHECK(preview.text.find("spending limit 100000.00 EUR → 150000.00 EUR") != std::string::npos);
    CHECK(node_of(*services, kEurCapAct, "spend_cap")["spend_cap"] == "10000000");
    auto undone = call_confirmed(*services, "undo_change", {{"change_id", change}});
    INFO(undone.text);
    REQUIRE_FALSE(undone.is_error);
    // Sent in the currency's main unit, read back in minor units: exactly the limit it had.
    CHECK(node_of(*services, kEurCapAct, "spend_cap")["spend_cap"] == "15000000");
  }
  SECTION("Meta's 10 limit changes a day hold for an undo too") {
    auto lowered = call(*services, "update_spending_limit", {{"ad_account_id", kEurCapAct}, {"spend_cap", {{"amount", "100000.00"}}}});
    REQUIRE_FALSE(lowered.is_error);
    for (int i = 0; i < 9; ++i) {
      INFO(i);
      REQUIRE(services->emulator->handle("POST", kEurCapAct, {{"spend_cap", "100000.00"}}).status == 200);
    }
    auto throttled = call_confirmed(*services, "undo_change", {{"change_id", lowered.structured["data"]["change_id"]}});
    INFO(throttled.text);
    REQUIRE(throttled.is_error);
    CHECK(throttled.structured["error"]["kind"] == "RateLimited");
    CHECK(throttled.text.find("10 changes") != std::string::npos);
    CHECK(node_of(*services, kEurCapAct, "spend_cap")["spend_cap"] == "10000000");
    CHECK(followup_rows(*services).size() == 1);
  }
  SECTION("a first limit taken away again") {
    auto capped = call(*services, "update_spending_limit", {{"ad_account_id", kFollowupAct}, {"spend_cap", {{"amount", "250000.00"}}}});
    INFO(capped.text);
    REQUIRE_FALSE(capped.is_error);
    auto preview = call(*services, "undo_change", {{"change_id", capped.structured["data"]["change_id"]}});
    INFO(preview.text);
    REQUIRE(preview.structured.value("needs_confirmation", false));
    CHECK(preview.text.find("→ no limit") != std::string::npos);
    auto undone = call_confirmed(*services, "undo_change", {{"change_id", capped.structured["data"]["change_id"]}});
    INFO(undone.text);
    REQUIRE_FALSE(undone.is_error);
    CHECK(node_of(*services, kFollowupAct, "spend_cap")["spend_cap"] == "0");
  }
}

TEST_CASE("fake mode with --state keeps the journal beside the state file across processes", "[journal][state]") {
  testing::TempDir dir("fbmcp-journal-state");
  ::chmod(dir.path.c_str(), 0755);
  const std::string state = dir.file("world.json");
  const std::map<std::string, std::string> env = {{"FACEBOOK_MODE", "fake"}, {"FACEBOOK_ACCESS_TOKEN", ""},
                                                  {"FACEBOOK_MCP_DATA_DIR", dir.file("data")},
                                                  {"FACEBOOK_FAKE_CLOCK", testing::kFixedNow}};
  auto run = [&](const std::vector<std::string>& args) {
    std::vector<std::string> argv = {FBMCP_BINARY};
    argv.insert(argv.end(), args.begin(), args.end());
    testing::Subprocess p(argv, env);
    p.close_stdin();
    const int code = p.wait(60000);
    const std::string out = p.drain_stdout();
    INFO("stdout: " << out << "\nstderr: " << p.drain_stderr());
    REQUIRE(code >= 0);
    return std::pair{code, out};
  };
  auto call_json = [&](const std::string& op, const json& args) {
    auto [code, out] = run({"call", op, args.dump(), "--state", state, "--json"});
    auto parsed = json::parse(out, nullptr, false);
    INFO(out);
    REQUIRE_FALSE(parsed.is_discarded());
    return parsed;
  };

  // Process 1 renames a campaign; process 2 finds the change in the journal and puts it back.
  auto renamed = call_json("update_campaign", {{"campaign_id", kFollowupCampaign}, {"name", "Renamed in process 1"}});
  REQUIRE(renamed["ok"] == true);
  CHECK(renamed["data"]["change_id"] == 1);
  const std::string journal = store::fake_journal_path(state);
  struct stat info {};
  REQUIRE(::stat(journal.c_str(), &info) == 0);
  CHECK((info.st_mode & 0777) == 0600);
  REQUIRE(::stat(dir.path.c_str(), &info) == 0);
  CHECK((info.st_mode & 0777) == 0755);  // the directory the user chose is left as it was

  auto listed = call_json("list_changes", json::object());
  REQUIRE(listed["ok"] == true);
  REQUIRE(listed["data"]["items"].size() == 1);
  CHECK(listed["data"]["items"][0]["op"] == "update_campaign");
  auto undone = call_json("undo_change", {{"change_id", 1}});
  INFO(undone.dump());
  REQUIRE(undone["ok"] == true);
  CHECK(undone["data"]["undo_of"] == 1);
  auto read = call_json("get_campaign", {{"campaign_id", kFollowupCampaign}});
  CHECK(read["data"]["campaign"]["name"] == "Black Friday 2026 – Retargeting");

  // fake reset forgets the journal with the world: the reseeded world hands out the same ids again.
  auto [code, out] = run({"fake", "reset", "--state", state});
  CHECK(code == 0);
  CHECK_FALSE(std::filesystem::exists(journal));
  auto fresh = call_json("list_changes", json::object());
  CHECK(fresh["data"]["items"].empty());
}

TEST_CASE("duplicate_campaign refuses a deep copy of more than 51 ads before copying anything",
          "[accounts][copies][journal]") {
  auto services = testing::fake_services();
  auto& emulator = *services->emulator;
  // Grow the campaign's first ad set through the emulator (as Ads Manager would) to 6 + 46 = 52 ads.
  for (int i = 0; i < 46; ++i) {
    auto made = emulator.handle("POST", std::string(kFollowupAct) + "/ads",
                                {{"name", "Bulk ad " + std::to_string(i)},
                                 {"adset_id", kFollowupAdset},
                                 {"creative", R"({"creative_id":"120213000000000001"})"},
                                 {"status", "PAUSED"}});
    INFO(made.body);
    REQUIRE(made.status == 200);
  }
  const auto campaigns = emulator.count("campaign");
  const auto adsets = emulator.count("adset");
  const auto ads = emulator.count("ad");
  const auto async_sets = emulator.count(fake::kAsyncRequestSetType);
  auto refused = call(*services, "duplicate_campaign", {{"campaign_id", kFollowupCampaign}, {"deep_copy", true}});
  INFO(refused.text);
  REQUIRE(refused.is_error);
  const auto& error = refused.structured["error"];
  CHECK(error["kind"] == "InvalidArgs");
  CHECK(error["path"] == "args.deep_copy");
  CHECK(error["message"].get<std::string>().find("more than 51 ads") != std::string::npos);
  CHECK(error["hint"].get<std::string>().find("duplicate_adset") != std::string::npos);
  // Nothing copied, no asynchronous copy started, nothing journaled.
  CHECK(emulator.count("campaign") == campaigns);
  CHECK(emulator.count("adset") == adsets);
  CHECK(emulator.count("ad") == ads);
  CHECK(emulator.count(fake::kAsyncRequestSetType) == async_sets);
  CHECK(followup_rows(*services).empty());

  // Without deep_copy the campaign alone is copied.
  auto shallow = call(*services, "duplicate_campaign", {{"campaign_id", kFollowupCampaign}});
  INFO(shallow.text);
  REQUIRE_FALSE(shallow.is_error);
  CHECK(emulator.count("campaign") == campaigns + 1);
  CHECK(emulator.count("ad") == ads);
}
