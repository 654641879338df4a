// fake/world_state: the fake world kept in a file across processes (FACEBOOK_FAKE_STATE / --state).
#include <catch2/catch.hpp>

#include <stdlib.h>
#include <sys/stat.h>

#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>
#include <thread>
#include <vector>

#include "fake/world_state.hpp"
#include "support/fake_services.hpp"
#include "support/temp_dir.hpp"
#include "support/response_body.hpp"

using namespace fbmcp;
using nlohmann::json;
namespace fs = std::filesystem;

namespace {

constexpr const char* kAccount = "act_1029384756102938";

using testing::body_of;

struct StateDir : testing::TempDir {
  StateDir() : testing::TempDir("fbmcp-state") {}
};

core::Settings state_settings(const std::string& file) {
  core::Settings settings;
  settings.mode = core::Mode::Fake;
  settings.fake_clock = testing::kFixedNow;
  settings.fake_state = file;
  return settings;
}

std::shared_ptr<fake::GraphEmulator> emulator_on(const std::string& file) {
  auto emulator = app::make_emulator(state_settings(file));
  if (!emulator) FAIL(emulator.error().message);
  return emulator ? *emulator : nullptr;
}

const fake::ParamMap kNewCampaign = {{"name", "Kept"},        {"objective", "OUTCOME_TRAFFIC"},
                                     {"status", "PAUSED"},    {"special_ad_categories", "[]"},
                                     {"daily_budget", "2500"}};

std::string read_text(const std::string& path) {
  std::ifstream in(path);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

}  // namespace

TEST_CASE("a world saved to a state file comes back whole in another emulator", "[fake][state]") {
  StateDir dir;
  const auto file = dir.file("world.json");
  std::string created;
  {
    auto first = emulator_on(file);
    CHECK_FALSE(fs::exists(file));  // nothing is written until something changes
    auto made = body_of(first->handle("POST", std::string(kAccount) + "/campaigns", kNewCampaign));
    REQUIRE(made.contains("id"));
    created = made["id"];
    REQUIRE(first->handle("POST", "120210000000000001", {{"status", "PAUSED"}}).status == 200);
    REQUIRE(first->handle("DELETE", "120210000000000002", {}).status == 200);
  }
  REQUIRE(fs::exists(file));
  CHECK((fs::status(file).permissions() & fs::perms::all) == (fs::perms::owner_read | fs::perms::owner_write));

  auto second = emulator_on(file);
  auto kept = body_of(second->handle("GET", created, {{"fields", "name,status,daily_budget"}}));
  CHECK(kept["name"] == "Kept");
  CHECK(kept["status"] == "PAUSED");
  CHECK(kept["daily_budget"] == "2500");
  CHECK(body_of(second->handle("GET", "120210000000000001", {{"fields", "status"}}))["status"] == "PAUSED");
  CHECK(body_of(second->handle("GET", "120210000000000002", {{"fields", "status"}}))["status"] == "DELETED");
  // Ids keep counting up instead of handing out the first one again.
  auto next = body_of(second->handle("POST", std::string(kAccount) + "/campaigns", kNewCampaign));
  CHECK(next["id"].get<std::string>() > created);
  // A nested object (the user's lists) survives too: /me still resolves.
  CHECK(body_of(second->handle("GET", "me/adaccounts", {}))["data"].size() > 0);
}

TEST_CASE("encode and decode of a world state are inverse", "[fake][state]") {
  StateDir dir;
  const auto file = dir.file("w.json");
  {
    auto source = emulator_on(file);
    REQUIRE(source->handle("POST", std::string(kAccount) + "/campaigns", kNewCampaign).status == 200);
  }
  const auto saved = json::parse(read_text(file));
  CHECK(saved["format"] == fake::kWorldStateFormat);
  auto decoded = fake::decode_world_state(saved);
  REQUIRE(decoded);
  CHECK(fake::encode_world_state(decoded->store, decoded->fbtrace_counter) == saved);
}

TEST_CASE("a damaged or foreign state file refuses the start and is left as it is", "[fake][state]") {
  StateDir dir;
  const auto file = dir.file("state.json");
  const auto [contents, says] = GENERATE(table<std::string, std::string>({
      {"{\"format\": \"facebook-mcp/fake-state/1\", \"objects\": [", "not valid JSON"},
      {"[1, 2, 3]", "not a facebook-mcp fake state"},
      {R"({"name": "someone else's settings"})", "no \"format\" field"},
      {R"({"format": "some-other-tool/3"})", "not a facebook-mcp fake state"},
      {R"({"format": "facebook-mcp/fake-state/99", "objects": []})", "this build reads"},
      {R"({"format": "facebook-mcp/fake-state/1", "next_id": 5, "objects": []})", "next_id"},
      {R"({"format": "facebook-mcp/fake-state/1", "next_id": "7", "objects": [{"type": "campaign"}]})", "objects[0]"},
      {R"({"format": "facebook-mcp/fake-state/1", "next_id": "7", "objects": []})", "no user"},
      {"", "not valid JSON"},
  }));
  std::ofstream(file) << contents;
  auto emulator = app::make_emulator(state_settings(file));
  REQUIRE_FALSE(emulator);
  INFO(emulator.error().message);
  CHECK(emulator.error().message.find(file) != std::string::npos);
  CHECK(emulator.error().message.find(says) != std::string::npos);
  CHECK(emulator.error().hint.find("facebook-mcp fake reset --state " + file) != std::string::npos);
  CHECK(read_text(file) == contents);  // never overwritten
}

TEST_CASE("a state file changed by another process is read before the next request", "[fake][state]") {
  StateDir dir;
  const auto file = dir.file("shared.json");
  auto a = emulator_on(file);
  auto b = emulator_on(file);
  auto made = body_of(a->handle("POST", std::string(kAccount) + "/campaigns", kNewCampaign));
  REQUIRE(made.contains("id"));
  CHECK(body_of(b->handle("GET", made["id"], {{"fields", "name"}}))["name"] == "Kept");
  // b's create counts on from a's ids, and a sees b's change in turn.
  auto other = body_of(b->handle("POST", std::string(kAccount) + "/campaigns", kNewCampaign));
  CHECK(other["id"] != made["id"]);
  REQUIRE(a->handle("POST", made["id"], {{"name", "Renamed by a"}}).status == 200);
  CHECK(body_of(b->handle("GET", made["id"], {{"fields", "name"}}))["name"] == "Renamed by a");
  CHECK(body_of(a->handle("GET", other["id"], {{"fields", "name"}}))["name"] == "Kept");

  SECTION("fake reset deletes the file; the next request starts from the fixtures") {
    auto deleted = fake::reset_world_state(file);
    REQUIRE(deleted);
    CHECK(*deleted);
    CHECK_FALSE(fs::exists(file));
    CHECK(body_of(a->handle("GET", made["id"], {}))["error"]["error_subcode"] == 33);
    CHECK(body_of(b->handle("GET", other["id"], {}))["error"]["error_subcode"] == 33);
    auto none = fake::reset_world_state(dir.file("never-made.json"));
    REQUIRE(none);
    CHECK_FALSE(*none);
  }
}

TEST_CASE("error fbtrace_ids never repeat, within a process or across processes sharing a state file", "[fake][state]") {
  StateDir dir;
  const auto file = dir.file("trace.json");
  std::set<std::string> seen;
  for (int process = 0; process < 3; ++process) {
    auto emulator = emulator_on(file);
    for (int i = 0; i < 5; ++i) {
      auto e = body_of(emulator->handle("GET", "404404404", {}));
      CHECK(seen.insert(e["error"]["fbtrace_id"].get<std::string>()).second);
    }
    CHECK(seen.insert(emulator->next_fbtrace_id()).second);
  }
}

TEST_CASE("writers racing on one state file lose nothing: requests take turns under the lock", "[fake][state]") {
  StateDir dir;
  const auto file = dir.file("race.json");
  constexpr int kWriters = 3;
  constexpr int kCreatesEach = 8;
  std::vector<std::shared_ptr<fake::GraphEmulator>> emulators;
  for (int i = 0; i < kWriters; ++i) emulators.push_back(emulator_on(file));  // as separate processes would
  std::vector<std::vector<std::string>> made(kWriters);
  std::vector<std::thread> threads;
  for (int w = 0; w < kWriters; ++w) {
    threads.emplace_back([&, w] {
      for (int i = 0; i < kCreatesEach; ++i) {
        auto params = kNewCampaign;
        params["name"] = "writer " + std::to_string(w) + " #" + std::to_string(i);
        const auto body = json::parse(emulators[w]->handle("POST", std::string(kAccount) + "/campaigns", params).body);
        if (body.contains("id")) made[w].push_back(body["id"]);
      }
    });
  }
  for (auto& t : threads) t.join();
  std::set<std::string> ids;
  for (const auto& list : made) {
    CHECK(list.size() == kCreatesEach);
    ids.insert(list.begin(), list.end());
  }
  CHECK(ids.size() == kWriters * kCreatesEach);  // no id handed out twice
  auto reader = emulator_on(file);
  for (const auto& id : ids) CHECK(body_of(reader->handle("GET", id, {{"fields", "name"}}))["name"].is_string());
}
