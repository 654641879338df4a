// Privacy canary: raw customer identifiers never leave the process. Canary emails and phones go through every
// audience op — valid, invalid, inline, from a CSV file, dry runs, errors — in fake mode and in live mode against
// FakeGraphServer over HTTP; then every result (structured and text), progress message, log record and what reached
// "Meta" (the emulator's store, every request's params) is searched for them.
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <mutex>

#include "core/log.hpp"
#include "fake/world_state.hpp"
#include "support/fake_services.hpp"
#include "support/temp_dir.hpp"

using namespace fbmcp;
using nlohmann::json;

namespace {

// Distinctive enough that no hash, id or message contains them by chance.
const std::vector<std::string> kCanaries = {"canary.zq7x@example.com", "Canary.Zq7x@Example.com", "canaryzq7x",
                                            "16505557391", "+1 (650) 555-7391", "not-an-email-canaryzq7x",
                                            "Zq7xfirstname", "CRM-canaryzq7x"};

std::string lower(std::string s) {
  for (auto& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

void check_clean(const std::string& where, const std::string& text) {
  const std::string haystack = lower(text);
  for (const auto& canary : kCanaries) {
    // EXTERN_ID is sent unhashed by Meta's rules, lowercased: it may reach the emulator's request log, never output.
    INFO(where << " must not contain " << canary);
    CHECK(haystack.find(lower(canary)) == std::string::npos);
  }
}

json people() {
  return json::array({{{"email", "  Canary.Zq7x@Example.com "}, {"phone", "+1 (650) 555-7391"}, {"fn", "Zq7xfirstname"}},
                      {{"email", "not-an-email-canaryzq7x"}, {"country", "US"}},
                      {{"phone", "canaryzq7x"}},
                      {{"email", "canary.zq7x@example.com"}, {"dob", "canaryzq7x"}}});
}

}  // namespace

TEST_CASE("audience ops never let a raw identifier out", "[audiences][privacy][http]") {
  std::mutex mutex;
  std::string captured;  // progress and logs
  core::set_log_sink([&](core::LogLevel, std::string_view logger, std::string_view message) {
    std::lock_guard lock(mutex);
    captured.append(logger).append(": ").append(message).append("\n");
  });
  testing::TempDir dir;
  const std::string csv = dir.file("customers.csv");
  {
    std::ofstream out(csv);
    out << "email,phone,fn,extern_id\n\" Canary.Zq7x@Example.com \",+1 (650) 555-7391,Zq7xfirstname,crm-0042\n"
           "not-an-email-canaryzq7x,,,\n";
  }
  const std::string act = "act_1029384756102938";
  const std::string list = "238510000000000002";
  const std::vector<std::pair<std::string, json>> calls = {
      {"add_audience_users", {{"audience_id", list}, {"customers", people()}}},
      {"add_audience_users", {{"audience_id", list}, {"customers", people()}, {"dry_run", true}}},
      {"add_audience_users", {{"audience_id", list}, {"csv_path", csv}}},
      {"remove_audience_users", {{"audience_id", list}, {"customers", people()}}},
      {"replace_audience_users", {{"audience_id", list}, {"csv_path", csv}}},
      {"add_audience_users", {{"audience_id", "238510000000000004"}, {"customers", people()}}},  // lookalike: refused
      {"add_audience_users", {{"audience_id", list}, {"customers", json::array({{{"email", std::string(400, 'x') + "canaryzq7x"}}})}}},
      {"add_audience_users", {{"audience_id", list}, {"customers", json::array({{{"shoe", "canaryzq7x"}}})}}},
      {"get_audience", {{"audience_id", list}}},
      {"list_audiences", {{"ad_account_id", act}}},
      {"create_custom_audience", {{"ad_account_id", act}, {"name", "Privacy"}, {"kind", "customer_list"}, {"customer_file_source", "USER_PROVIDED_ONLY"}}},
      // The ops that take no identifiers still read the audience the canaries went into.
      {"create_lookalike_audience", {{"ad_account_id", act}, {"source_audience_id", list}, {"countries", {"US"}}, {"ratio_percent", 1}}},
      {"audience_overlap", {{"ad_account_id", act}, {"audience_a_id", "238510000000000001"}, {"audience_b_id", list}}},
      {"share_audience", {{"audience_id", list}, {"ad_account_ids", {"act_2038475610293847"}}}},
      {"list_saved_audiences", {{"ad_account_id", act}}},
      {"create_saved_audience", {{"ad_account_id", act}, {"name", "Saved"}, {"targeting", {{"geo_locations", {{"countries", {"US"}}}}}}}},
      {"delete_audience", {{"audience_id", list}}},
  };
  const auto run_all = [&](app::Services& services, const std::string& mode) {
    for (const auto& [op, args] : calls) {
      tool::CallEnv env;
      env.progress = [&](const std::string& message) {
        std::lock_guard lock(mutex);
        captured += message + "\n";
      };
      auto result = services.router->call({{"op", op}, {"args", args}}, env);
      check_clean(mode + " " + op + " structured", result.structured.dump());
      check_clean(mode + " " + op + " text", result.text);
      // replace_audience_users previews first; its confirmed call is the one that sends the identifiers.
      if (op == "replace_audience_users" && result.structured.value("needs_confirmation", false)) {
        json confirmed = args;
        confirmed["confirm"] = result.structured["data"]["confirmation_token"];
        result = services.router->call({{"op", op}, {"args", confirmed}}, env);
        check_clean(mode + " " + op + " confirmed structured", result.structured.dump());
        check_clean(mode + " " + op + " confirmed text", result.text);
      }
    }
  };
  SECTION("fake mode") {
    auto services = testing::fake_services();
    // The emulator keeps its world in a file: what reached "Meta" can be read back whole.
    auto state = std::make_shared<fake::WorldStateFile>(dir.file("world.json"));
    REQUIRE(services->emulator->persist_to(state));
    run_all(*services, "fake");
    std::ifstream in(dir.file("world.json"));
    const std::string world((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    REQUIRE(world.find("238510000000000002") != std::string::npos);
    check_clean("what reached the emulator", world);
  }
  SECTION("live mode over HTTP") {
    auto world = testing::http_world();
    run_all(*world->services, "live");
  }
  core::set_log_sink(nullptr);
  check_clean("progress and logs", captured);
}
