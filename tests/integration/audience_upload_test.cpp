// add_audience_users over the live path: 100,000 people from a CSV file, normalized and hashed here, sent by
// CurlTransport to FakeGraphServer as 10 requests of 10,000 rows in one session (several in flight at once, the
// last alone), with progress; then remove_audience_users (DELETE with its params in the body) brings the size back.
// replace_audience_users asks first, and its confirmation token binds the rows of the file it names.
#include <catch2/catch.hpp>

#include <fstream>

#include "support/fake_services.hpp"
#include "support/temp_dir.hpp"

using namespace fbmcp;
using nlohmann::json;

TEST_CASE("100,000 customers from a CSV file in 10 requests over HTTP", "[audiences][http][live]") {
  testing::TempDir dir;
  const std::string csv = dir.file("customers.csv");
  {
    std::ofstream out(csv);
    out << "email,phone,country\n";
    for (int i = 0; i < 100'000; ++i) out << "Person" << i << "@Example.com,+1 650 " << 1'000'000 + i << ",US\n";
  }
  auto world = testing::http_world();
  const std::string list = "238510000000000002";
  const size_t served_before = world->emulator->requests_served();
  std::vector<std::string> progress;
  tool::CallEnv env;
  env.progress = [&](const std::string& message) { progress.push_back(message); };
  const auto added = world->services->router->call(
      {{"op", "add_audience_users"}, {"args", {{"audience_id", list}, {"csv_path", csv}}}}, env);
  INFO(added.text);
  REQUIRE_FALSE(added.is_error);
  const auto& data = added.structured["data"];
  CHECK(data["rows_valid"] == 100'000);
  CHECK(data["upload"]["batches_total"] == 10);
  CHECK(data["upload"]["batches_failed"] == 0);
  CHECK(data["upload"]["num_received"] == 100'000);
  const int64_t size = data["audience"]["approximate_count_lower_bound"];
  CHECK(size > 4200 + 55'000);  // the fixture's 4,200 plus about 62 % of 100,000
  CHECK(size < 4200 + 70'000);
  // 10 uploads, plus the reads before and after.
  CHECK(world->emulator->requests_served() - served_before <= 14);
  CHECK(progress.size() >= 3);

  const auto removed = world->services->router->call(
      {{"op", "remove_audience_users"}, {"args", {{"audience_id", list}, {"csv_path", csv}}}}, env);
  INFO(removed.text);
  REQUIRE_FALSE(removed.is_error);
  CHECK(removed.structured["data"]["audience"]["approximate_count_lower_bound"] == 4200);
}

TEST_CASE("replace_audience_users is confirmed against the rows the preview counted", "[audiences]") {
  testing::TempDir dir;
  const std::string csv = dir.file("members.csv");
  const auto write_rows = [&](int count) {
    std::ofstream out(csv);
    out << "email\n";
    for (int i = 0; i < count; ++i) out << "member" << i << "@example.com\n";
  };
  write_rows(2000);
  auto services = testing::fake_services();
  const std::string list = "238510000000000002";
  const json args = {{"audience_id", list}, {"csv_path", csv}};
  const auto call = [&](const json& call_args) {
    return services->router->call({{"op", "replace_audience_users"}, {"args", call_args}}, tool::CallEnv{});
  };
  const size_t served_before = services->emulator->requests_served();
  const auto preview = call(args);
  INFO(preview.text);
  REQUIRE(preview.structured.value("needs_confirmation", false));
  CHECK(preview.structured["data"]["preview"]["rows_valid"] == 2000);
  json confirmed = args;
  confirmed["confirm"] = preview.structured["data"]["confirmation_token"];

  SECTION("the file edited after the preview: refused, nothing sent") {
    write_rows(3);
    const auto refused = call(confirmed);
    INFO(refused.text);
    REQUIRE(refused.is_error);
    CHECK(refused.text.find("a file that changed since") != std::string::npos);
    const auto audience = services->router->call({{"op", "get_audience"}, {"args", {{"audience_id", list}}}}, tool::CallEnv{});
    CHECK(audience.structured["data"]["audience"]["approximate_count_lower_bound"] == 4200);
  }
  SECTION("the same rows: replaced") {
    const auto replaced = call(confirmed);
    INFO(replaced.text);
    REQUIRE_FALSE(replaced.is_error);
    CHECK(replaced.structured["data"]["operation"] == "replace");
    CHECK(replaced.structured["data"]["upload"]["num_received"] == 2000);
    CHECK(services->emulator->requests_served() > served_before);
  }
}
