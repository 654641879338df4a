// The change journal, undo_change and read-only mode (issue 14). The registry walks pick up every op, so an op added
// later is covered without touching this file: a write op that does not describe its change fails here.
#include <catch2/catch.hpp>

#include <cstdlib>
#include <filesystem>
#include <map>
#include <fstream>
#include <sys/stat.h>

#include "ops/all_ops.hpp"
#include "store/change_journal.hpp"
#include "support/fake_services.hpp"
#include "support/server_harness.hpp"
#include "tool/catalog.hpp"

namespace fs = std::filesystem;
using nlohmann::json;
using fbmcp::testing::call;
using fbmcp::testing::call_confirmed;

namespace {

constexpr const char* kJournalAccount = "act_1029384756102938";
constexpr const char* kRetargeting = "120210000000000001";  // ACTIVE, daily_budget 5000 (USD)
constexpr const char* kBroadAdset = "120211000000000001";   // ACTIVE, has targeting

std::vector<fbmcp::store::ChangeRecord> journal_rows(fbmcp::app::Services& services) {
  auto page = services.journal->list({}, 1000);
  REQUIRE(page);
  return page->records;
}

json golden_case(const fs::path& path) {
  std::ifstream in(path);
  return json::parse(in);
}

std::vector<fs::path> golden_cases_of(const std::string& op) {
  std::vector<fs::path> cases;
  const fs::path dir = fs::path(FBMCP_SOURCE_DIR) / "tests" / "golden" / op;
  if (!fs::exists(dir)) return cases;
  for (const auto& entry : fs::directory_iterator(dir)) {
    if (entry.path().extension() == ".json") cases.push_back(entry.path());
  }
  std::sort(cases.begin(), cases.end());
  return cases;
}

// Cases read files by "<source_dir>/…" (golden_test.cpp's marker).
json expand_source_dir(const json& value) {
  std::string text = value.dump();
  const std::string marker = "<source_dir>";
  for (size_t at = text.find(marker); at != std::string::npos; at = text.find(marker, at)) {
    text.replace(at, marker.size(), FBMCP_SOURCE_DIR);
  }
  return json::parse(text);
}

// A golden case whose recorded result is a change made (not an error, a preview or a dry run).
bool records_a_change(const json& golden) {
  const auto& expect = golden.value("expect", json::object());
  const auto& structured = expect.value("structured", json::object());
  return !expect.value("is_error", true) && structured.value("ok", false) &&
         !golden["call"].value("args", json::object()).value("dry_run", false);
}

std::string item_field(const json& row, const char* field) { return row["items"][0].value(field, ""); }

int64_t newest_change_id(fbmcp::app::Services& services) {
  auto rows = journal_rows(services);
  REQUIRE_FALSE(rows.empty());
  return rows.front().id;
}

json campaign_of(fbmcp::app::Services& services, const std::string& id, const std::string& fields = "") {
  auto r = call(services, "get_campaign", fields.empty() ? json{{"campaign_id", id}}
                                                          : json{{"campaign_id", id}, {"fields", {fields}}});
  REQUIRE_FALSE(r.is_error);
  return r.structured["data"]["campaign"];
}

}  // namespace

TEST_CASE("every write op leaves exactly one journal row for one change it made", "[journal][contract]") {
  fbmcp::tool::OpRegistry registry;
  fbmcp::ops::register_all_ops(registry);
  for (const auto* op : registry.all()) {
    const auto& spec = op->spec;
    if (spec.effect == fbmcp::tool::Effect::Read) continue;
    DYNAMIC_SECTION(spec.name) {
      size_t journaled = 0, changes = 0;
      for (const auto& path : golden_cases_of(spec.name)) {
        const auto golden = golden_case(path);
        if (!records_a_change(golden)) continue;
        ++changes;
        auto services = fbmcp::testing::fake_services();
        for (const auto& step : golden.value("setup", json::array())) {
          // As golden_test.cpp runs setup steps: plainly (a step that needs confirmation only previews).
          auto r = call(*services, step["op"], expand_source_dir(step.value("args", json::object())));
          INFO(path.string() << " setup " << step.dump() << " → " << r.text);
          REQUIRE_FALSE(r.is_error);
        }
        const size_t before = journal_rows(*services).size();
        auto result = call_confirmed(*services, spec.name, expand_source_dir(golden["call"].value("args", json::object())));
        INFO(path.string() << " → " << result.text);
        REQUIRE_FALSE(result.is_error);
        const auto rows = journal_rows(*services);
        const size_t added = rows.size() - before;
        if (spec.local_only) {
          // A purely local write (a stored token) changes nothing at Meta: no row.
          CHECK(added == 0);
          continue;
        }
        // Never two rows for one call; none only when the call changed nothing (already PAUSED, an earlier
        // identical create returned).
        REQUIRE(added <= 1);
        if (added == 0) continue;
        ++journaled;
        const auto& row = rows.front();
        CHECK(row.op == spec.name);
        // The result names its row, so an agent can pass it straight to undo_change.
        const auto& data = result.structured["data"];
        REQUIRE(data.is_object());
        REQUIRE(data.contains("change_id"));
        CHECK(data["change_id"] == row.id);
        REQUIRE_FALSE(row.change.items.empty());
        for (const auto& item : row.change.items) {
          CHECK_FALSE(item.kind.empty());
          CHECK_FALSE(item.object_id.empty());
          CHECK_FALSE(item.action.empty());
        }
        // No secrets in a row.
        CHECK(fbmcp::store::to_json(row).dump().find(fbmcp::testing::kCanaryToken) == std::string::npos);
      }
      INFO(spec.name << ": " << changes << " golden case(s) that change something");
      // Each write op has a golden case that changes something (the golden contract asks for one per op), and a
      // change made must be journaled: a write op whose change goes unrecorded fails here.
      // Ops no golden case can make succeed in fake mode, with the test that checks their row instead.
      static const std::map<std::string, std::string> kJournaledElsewhere = {
          {"disconnect", "tests/integration/auth_ops_test.cpp (it needs a stored login)"}};
      if (!spec.local_only && !kJournaledElsewhere.count(spec.name)) {
        CHECK(changes > 0);
        CHECK(journaled > 0);
      }
    }
  }
}

TEST_CASE("the journal keeps rows on disk 0600 in live mode and pages newest first", "[journal]") {
  char dir[] = "/tmp/fbmcp-journal-XXXXXX";
  REQUIRE(::mkdtemp(dir));
  const std::string path = fbmcp::store::journal_db_path(dir);
  {
    int64_t clock = 1000;
    auto journal = fbmcp::store::ChangeJournal::open(path, [&] { return clock++; });
    REQUIRE(journal);
    for (int i = 0; i < 5; ++i) {
      fbmcp::store::ChangeSet change{{{"campaign", std::to_string(100 + i), i % 2 ? "act_1" : "act_2", "update",
                                       {{"status", {{"before", "ACTIVE"}, {"after", "PAUSED"}}}}}}};
      REQUIRE((*journal)->record(i == 4 ? "bulk_update_campaigns" : "pause_campaign", "", change));
    }
    auto page = (*journal)->list({}, 2);
    REQUIRE(page);
    REQUIRE(page->records.size() == 2);
    CHECK(page->has_more);
    CHECK(page->records[0].id == 5);
    auto next = (*journal)->list({}, 10, page->records.back().id);
    REQUIRE(next);
    CHECK(next->records.size() == 3);
    CHECK(next->records.front().id == 3);
    fbmcp::store::ChangeFilter by_account;
    by_account.account_id = "act_1";
    CHECK((*journal)->list(by_account, 10)->records.size() == 2);
    fbmcp::store::ChangeFilter by_object;
    by_object.object_id = "102";
    CHECK((*journal)->list(by_object, 10)->records.size() == 1);
    fbmcp::store::ChangeFilter by_op;
    by_op.op = "bulk_update_campaigns";
    CHECK((*journal)->list(by_op, 10)->records.size() == 1);
    fbmcp::store::ChangeFilter window;
    window.since = 1001;
    window.until = 1003;
    CHECK((*journal)->list(window, 10)->records.size() == 2);
  }
  struct stat info {};
  REQUIRE(::stat(path.c_str(), &info) == 0);
  CHECK((info.st_mode & 0777) == 0600);
  // Reopened, the rows are still there.
  auto reopened = fbmcp::store::ChangeJournal::open(path);
  REQUIRE(reopened);
  CHECK((*reopened)->list({}, 10)->records.size() == 5);
  std::error_code ignored;
  fs::remove_all(dir, ignored);
}

TEST_CASE("dry runs, refusals and confirmation previews are not journaled", "[journal]") {
  auto services = fbmcp::testing::fake_services();
  CHECK_FALSE(call(*services, "pause_campaign", {{"campaign_id", kRetargeting}, {"dry_run", true}}).is_error);
  CHECK(call(*services, "update_campaign", {{"campaign_id", kRetargeting}}).is_error);  // nothing to update
  auto preview = call(*services, "update_campaign", {{"campaign_id", kRetargeting}, {"daily_budget", {{"amount", "90.00"}}}});
  CHECK(preview.structured.value("needs_confirmation", false));
  CHECK(journal_rows(*services).empty());
}

TEST_CASE("undo_change round trip: a status change", "[journal][undo_change]") {
  auto services = fbmcp::testing::fake_services();
  REQUIRE_FALSE(call(*services, "pause_campaign", {{"campaign_id", kRetargeting}}).is_error);
  const int64_t change = newest_change_id(*services);
  auto listed = call(*services, "list_changes", {{"object_id", kRetargeting}});
  REQUIRE_FALSE(listed.is_error);
  REQUIRE(listed.structured["data"]["items"].size() == 1);
  const auto& row = listed.structured["data"]["items"][0];
  CHECK(row["op"] == "pause_campaign");
  CHECK(row["items"][0]["fields"]["status"] == json({{"before", "ACTIVE"}, {"after", "PAUSED"}}));
  CHECK(item_field(row, "account_id") == kJournalAccount);

  // Re-activating spends: a preview first, nothing changed.
  auto preview = call(*services, "undo_change", {{"change_id", change}});
  REQUIRE(preview.structured.value("needs_confirmation", false));
  CHECK(campaign_of(*services, kRetargeting)["status"] == "PAUSED");
  auto undone = call_confirmed(*services, "undo_change", {{"change_id", change}});
  INFO(undone.text);
  REQUIRE_FALSE(undone.is_error);
  CHECK(campaign_of(*services, kRetargeting)["status"] == "ACTIVE");
  auto rows = journal_rows(*services);
  REQUIRE(rows.size() == 2);
  CHECK(rows.front().op == "undo_change");
  CHECK(rows.front().change.undo_of == change);
  CHECK(rows.back().undone_by == rows.front().id);
  // A change is undone once.
  auto again = call(*services, "undo_change", {{"change_id", change}});
  REQUIRE(again.is_error);
  CHECK(again.structured["error"]["kind"] == "PolicyBlocked");
  CHECK(again.text.find("already undone") != std::string::npos);
}

TEST_CASE("undo_change round trip: a budget, and a raise back asks first", "[journal][undo_change]") {
  auto services = fbmcp::testing::fake_services();
  auto lowered = call(*services, "update_campaign", {{"campaign_id", kRetargeting}, {"daily_budget", {{"amount", "30.00"}}}});
  INFO(lowered.text);
  REQUIRE_FALSE(lowered.is_error);
  const int64_t change = newest_change_id(*services);
  CHECK(journal_rows(*services).front().change.items[0].fields["daily_budget"] ==
        json({{"before", "5000"}, {"after", "3000"}}));
  auto preview = call(*services, "undo_change", {{"change_id", change}});
  REQUIRE(preview.structured.value("needs_confirmation", false));
  CHECK(preview.text.find("50.00 USD") != std::string::npos);
  auto undone = call_confirmed(*services, "undo_change", {{"change_id", change}});
  INFO(undone.text);
  REQUIRE_FALSE(undone.is_error);
  CHECK(campaign_of(*services, kRetargeting)["daily_budget"] == "50.00");
}

TEST_CASE("undo_change round trip: targeting", "[journal][undo_change]") {
  auto services = fbmcp::testing::fake_services();
  auto read = [&] {
    auto r = call(*services, "get_adset", {{"adset_id", kBroadAdset}});
    REQUIRE_FALSE(r.is_error);
    return r.structured["data"]["adset"]["targeting"];
  };
  const json before = read();
  REQUIRE(before.is_object());
  auto updated = call(*services, "update_adset",
                      {{"adset_id", kBroadAdset},
                       {"targeting", {{"geo_locations", {{"countries", {"CA"}}}}, {"age_min", 30}, {"age_max", 40}}}});
  INFO(updated.text);
  REQUIRE_FALSE(updated.is_error);
  CHECK(read() != before);
  auto undone = call_confirmed(*services, "undo_change", {{"change_id", newest_change_id(*services) }});
  INFO(undone.text);
  REQUIRE_FALSE(undone.is_error);
  CHECK(read() == before);
}

TEST_CASE("undo_change of a bulk update puts every item back in one batch", "[journal][undo_change]") {
  auto services = fbmcp::testing::fake_services();
  auto bulk = call(*services, "bulk_update_campaigns",
                   {{"updates", {{{"campaign_id", kRetargeting}, {"status", "PAUSED"}},
                                 {{"campaign_id", "120210000000000002"}, {"name", "Renamed"}}}}});
  INFO(bulk.text);
  REQUIRE_FALSE(bulk.is_error);
  auto rows = journal_rows(*services);
  REQUIRE(rows.size() == 1);
  REQUIRE(rows.front().change.items.size() == 2);
  const size_t served = services->emulator->requests_served();
  auto undone = call_confirmed(*services, "undo_change", {{"change_id", rows.front().id}});
  INFO(undone.text);
  REQUIRE_FALSE(undone.is_error);
  CHECK(campaign_of(*services, kRetargeting)["status"] == "ACTIVE");
  CHECK(campaign_of(*services, "120210000000000002")["name"] == "Black Friday 2026 – Prospecting");
  CHECK(services->emulator->requests_served() > served);
}

TEST_CASE("undo_change is refused when the object was edited since", "[journal][undo_change]") {
  auto services = fbmcp::testing::fake_services();
  REQUIRE_FALSE(
      call(*services, "update_campaign", {{"campaign_id", kRetargeting}, {"daily_budget", {{"amount", "30.00"}}}}).is_error);
  const int64_t change = newest_change_id(*services);
  // Someone edits it in Ads Manager: straight to the emulator, not through this server.
  REQUIRE(services->emulator->handle("POST", kRetargeting, {{"daily_budget", "4000"}}).status == 200);
  auto refused = call_confirmed(*services, "undo_change", {{"change_id", change}});
  REQUIRE(refused.is_error);
  CHECK(refused.structured["error"]["kind"] == "PolicyBlocked");
  CHECK(refused.text.find("40.00 USD") != std::string::npos);
  CHECK(refused.text.find("30.00 USD") != std::string::npos);
  CHECK(refused.structured["error"]["detail"]["changed_since"][0]["field"] == "daily_budget");
  CHECK(campaign_of(*services, kRetargeting)["daily_budget"] == "40.00");
  CHECK(journal_rows(*services).size() == 1);
}

TEST_CASE("undo_change of a create deletes it after confirmation; a delete cannot be undone", "[journal][undo_change]") {
  auto services = fbmcp::testing::fake_services();
  auto created = call(*services, "create_campaign",
                      {{"ad_account_id", kJournalAccount}, {"name", "Undo me"}, {"objective", "OUTCOME_TRAFFIC"},
                       {"special_ad_categories", json::array()}, {"daily_budget", {{"amount", "20.00"}}}});
  INFO(created.text);
  REQUIRE_FALSE(created.is_error);
  const std::string id = created.structured["data"]["id"];
  const int64_t change = newest_change_id(*services);
  auto preview = call(*services, "undo_change", {{"change_id", change}});
  REQUIRE(preview.structured.value("needs_confirmation", false));
  CHECK(preview.text.find("deleting campaign " + id) != std::string::npos);
  auto undone = call_confirmed(*services, "undo_change", {{"change_id", change}});
  INFO(undone.text);
  REQUIRE_FALSE(undone.is_error);
  CHECK(journal_rows(*services).front().change.items[0].action == "delete");
  auto gone = call(*services, "get_campaign", {{"campaign_id", id}});
  CHECK((gone.is_error || gone.structured["data"]["campaign"]["status"] == "DELETED"));

  REQUIRE_FALSE(call_confirmed(*services, "delete_campaign", {{"campaign_id", "120210000000000008"}}).is_error);
  auto refused = call(*services, "undo_change", {{"change_id", newest_change_id(*services)}});
  REQUIRE(refused.is_error);
  CHECK(refused.text.find("a delete cannot be undone") != std::string::npos);
}

TEST_CASE("undo_change names a change that does not exist", "[journal][undo_change]") {
  auto services = fbmcp::testing::fake_services();
  auto r = call(*services, "undo_change", {{"change_id", 99}});
  REQUIRE(r.is_error);
  CHECK(r.structured["error"]["kind"] == "NotFound");
}

TEST_CASE("read-only mode refuses every non-read op before Graph and hides it; read ops still work", "[read_only]") {
  fbmcp::core::Settings settings;
  settings.mode = fbmcp::core::Mode::Fake;
  settings.fake_clock = fbmcp::testing::kFixedNow;
  settings.read_only = true;
  auto made = fbmcp::app::make_services(settings);
  REQUIRE(made);
  auto& services = **made;
  fbmcp::tool::OpRegistry full;
  fbmcp::ops::register_all_ops(full);
  const auto offered = services.registry->names();
  const std::string help = fbmcp::tool::help_data(*services.registry).dump();
  for (const auto* op : full.all()) {
    const auto& spec = op->spec;
    DYNAMIC_SECTION(spec.name) {
      const bool listed = std::find(offered.begin(), offered.end(), spec.name) != offered.end();
      if (spec.effect == fbmcp::tool::Effect::Read) {
        CHECK(listed);
        // Its successful golden cases without setup still succeed.
        for (const auto& path : golden_cases_of(spec.name)) {
          const auto golden = golden_case(path);
          if (golden.contains("setup") || golden["expect"].value("is_error", true)) continue;
          auto r = call(services, spec.name, expand_source_dir(golden["call"].value("args", json::object())));
          INFO(path.string() << " → " << r.text);
          CHECK_FALSE(r.is_error);
        }
        continue;
      }
      CHECK_FALSE(listed);
      CHECK(help.find("\"" + spec.name + "\"") == std::string::npos);
      const auto example = op->validator.schema().value("examples", json::array());
      const json args = example.empty() ? json::object() : example[0];
      const size_t served = services.emulator->requests_served();
      auto r = call(services, spec.name, args);
      REQUIRE(r.is_error);
      CHECK(r.structured["error"]["kind"] == "PolicyBlocked");
      CHECK(services.emulator->requests_served() == served);
    }
  }
  CHECK(journal_rows(services).empty());
}

TEST_CASE("read-only mode: tools/list's op enum and initialize's instructions say it", "[read_only][mcp]") {
  fbmcp::testing::Harness h;
  h.services->registry->set_read_only(true);
  auto init = h.request(1, "initialize", {{"protocolVersion", "2025-11-25"}, {"capabilities", json::object()}});
  CHECK(init["result"]["instructions"].get<std::string>().find("READ-ONLY MODE") != std::string::npos);
  auto tools = h.request(2, "tools/list")["result"]["tools"];
  REQUIRE(tools.size() == 1);
  const auto ops = tools[0]["inputSchema"]["properties"]["op"]["enum"];
  REQUIRE(ops.is_array());
  CHECK(std::find(ops.begin(), ops.end(), json("list_campaigns")) != ops.end());
  CHECK(std::find(ops.begin(), ops.end(), json("list_changes")) != ops.end());
  for (const char* write : {"create_campaign", "resume_campaign", "delete_campaign", "undo_change"}) {
    CHECK(std::find(ops.begin(), ops.end(), json(write)) == ops.end());
  }
  CHECK(tools[0]["description"].get<std::string>().find("create_campaign") == std::string::npos);
}

TEST_CASE("read-only mode: the tool's annotations say it reads only", "[read_only][mcp]") {
  fbmcp::testing::Harness h;
  h.services->registry->set_read_only(true);
  auto tools = h.request(1, "tools/list")["result"]["tools"];
  REQUIRE(tools.size() == 1);
  CHECK(tools[0]["annotations"]["readOnlyHint"] == true);
  CHECK(tools[0]["annotations"]["destructiveHint"] == false);
}

TEST_CASE("FACEBOOK_READ_ONLY: 1 turns read-only mode on, an unclear value refuses the start", "[read_only][settings]") {
  ::setenv("FACEBOOK_READ_ONLY", "1", 1);
  CHECK(fbmcp::core::load_settings(true).read_only);
  ::setenv("FACEBOOK_READ_ONLY", "0", 1);
  auto off = fbmcp::core::load_settings(true);
  CHECK_FALSE(off.read_only);
  CHECK(off.settings_error.empty());
  ::setenv("FACEBOOK_READ_ONLY", "maybe", 1);
  auto unclear = fbmcp::core::load_settings(true);
  CHECK(unclear.settings_error.find("FACEBOOK_READ_ONLY") != std::string::npos);
  CHECK_FALSE(fbmcp::app::make_services(unclear));
  ::unsetenv("FACEBOOK_READ_ONLY");
}
