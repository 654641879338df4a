// Insights answers kept 10 minutes per token (store/response_cache via ops/common/cached_read), proven at the fake
// Graph server: with a failure armed for the /insights edge, a repeated question is answered from the cache and the
// failure stays armed; `fresh: true` meets it. And export_insights over HTTP: the CSV file, its rows and header, the
// existing-file and relative-path refusals, nothing half-written when Graph fails.
#include <catch2/catch.hpp>

#include <sys/stat.h>

#include <fstream>
#include <sstream>

#include "fake/fault_plan.hpp"
#include "support/fake_services.hpp"
#include "support/temp_dir.hpp"

using namespace fbmcp;
using nlohmann::json;

namespace {

const json kAccountWeek = {{"ad_account_id", "act_1029384756102938"}, {"date_preset", "last_7d"}};

bool has_cache_warning(const tool::ToolResult& result) {
  for (const auto& w : result.structured.value("warnings", json::array())) {
    if (w.get<std::string>().find("answered from the local cache") != std::string::npos) return true;
  }
  return false;
}

void arm_insights_failure(testing::HttpWorld& world) {
  world.server->faults().add(
      fake::parse_fault({{"kind", "graph_error"}, {"code", 2}, {"path", "insights"}, {"count", 50},
                         {"message", "An unexpected error has occurred. Please retry your request later."}})
          .value());
}

std::string read_file_text(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

}  // namespace

TEST_CASE("insights: a repeated question is answered from the cache; fresh asks Meta", "[insights_cache][http]") {
  auto world = testing::http_world();
  auto first = testing::call(*world->services, "get_insights", kAccountWeek);
  REQUIRE_FALSE(first.is_error);
  CHECK_FALSE(has_cache_warning(first));

  arm_insights_failure(*world);
  auto again = testing::call(*world->services, "get_insights", kAccountWeek);
  INFO(again.text);
  REQUIRE_FALSE(again.is_error);
  CHECK(has_cache_warning(again));
  CHECK(again.structured["data"] == first.structured["data"]);

  // Another question is not answered from this one's entry.
  auto other = testing::call(*world->services, "get_insights",
                             {{"ad_account_id", "act_1029384756102938"}, {"date_preset", "last_14d"}});
  CHECK(other.is_error);

  auto fresh = kAccountWeek;
  fresh["fresh"] = true;
  auto asked = testing::call(*world->services, "get_insights", fresh);
  CHECK(asked.is_error);  // it reached Graph, where the failure waits

  // compare_periods and performance_summary read through the same cache.
  world->server->faults().clear();
  auto summary = testing::call(*world->services, "performance_summary", kAccountWeek);
  REQUIRE_FALSE(summary.is_error);
  arm_insights_failure(*world);
  auto summary_again = testing::call(*world->services, "performance_summary", kAccountWeek);
  INFO(summary_again.text);
  CHECK_FALSE(summary_again.is_error);
  CHECK(has_cache_warning(summary_again));
}

TEST_CASE("export_insights: a CSV file of every row, over HTTP", "[export_insights][http]") {
  auto world = testing::http_world();
  testing::TempDir dir;
  auto args = json{{"ad_account_id", "act_1029384756102938"}, {"level", "campaign"}, {"date_preset", "last_30d"},
                   {"time_increment", 1}, {"path", dir.file("out/daily.csv")}};
  auto result = testing::call(*world->services, "export_insights", args);
  INFO(result.text);
  REQUIRE_FALSE(result.is_error);
  const auto& data = result.structured["data"];
  const std::string text = read_file_text(data["path"]);
  size_t lines = 0;
  for (char c : text) lines += c == '\n';
  CHECK(lines == data["rows"].get<size_t>() + 1);
  CHECK(data["rows"].get<size_t>() >= 30);  // a row per delivering campaign per day
  CHECK(text.rfind("date_start,date_stop,campaign_id,campaign_name,impressions,reach", 0) == 0);
  CHECK(data["bytes"].get<size_t>() == text.size());
  struct stat info {};
  REQUIRE(::stat(data["path"].get<std::string>().c_str(), &info) == 0);
  CHECK((info.st_mode & 0777) == 0600);

  // Spend in the file adds up to get_insights' total for the same question, to the cent.
  auto totals = testing::call(*world->services, "get_insights",
                              {{"ad_account_id", "act_1029384756102938"}, {"date_preset", "last_30d"}});
  REQUIRE_FALSE(totals.is_error);
  const auto header_end = text.find("\r\n");
  std::vector<std::string> header;
  {
    std::stringstream columns(text.substr(0, header_end));
    for (std::string c; std::getline(columns, c, ',');) header.push_back(c);
  }
  const size_t spend_column = std::find(header.begin(), header.end(), "spend") - header.begin();
  REQUIRE(spend_column < header.size());
  int64_t cents = 0;
  std::stringstream body(text.substr(header_end + 2));
  for (std::string line; std::getline(body, line);) {
    // Campaign names in the fixtures hold no commas or quotes, so a plain split finds the column.
    std::stringstream cells(line);
    std::string cell;
    for (size_t i = 0; i <= spend_column; ++i) std::getline(cells, cell, ',');
    const auto dot = cell.find('.');
    cents += std::stoll(cell.substr(0, dot)) * 100 + std::stoll(cell.substr(dot + 1));
  }
  const std::string total = totals.structured["data"]["totals"]["spend"];
  const auto dot = total.find('.');
  CHECK(cents == std::stoll(total.substr(0, dot)) * 100 + std::stoll(total.substr(dot + 1)));

  // An existing file needs overwrite; a relative path is refused; neither writes anything.
  auto existing = testing::call(*world->services, "export_insights", args);
  CHECK(existing.is_error);
  CHECK(existing.structured["error"]["path"] == "path");
  CHECK(existing.text.find("overwrite") != std::string::npos);
  auto relative = args;
  relative["path"] = "reports/daily.csv";
  CHECK(testing::call(*world->services, "export_insights", relative).is_error);

  // Graph failing leaves the old file as it was and no partial file beside it.
  args["overwrite"] = true;
  args["fresh"] = true;
  args["level"] = "ad";
  world->server->faults().add(
      fake::parse_fault({{"kind", "graph_error"}, {"code", 100}, {"path", "insights"}, {"count", 50},
                         {"message", "Invalid parameter"}})
          .value());
  auto failed = testing::call(*world->services, "export_insights", args);
  CHECK(failed.is_error);
  CHECK(read_file_text(data["path"]) == text);
  size_t files = 0;
  for ([[maybe_unused]] const auto& entry : std::filesystem::directory_iterator(dir.file("out"))) ++files;
  CHECK(files == 1);
}
