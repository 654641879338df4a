// The result contract for hosts that read only structuredContent: a summary, a `next` step, and a size budget that
// cuts lists at a row boundary with a cursor that continues exactly after the last row shown.
#include <catch2/catch.hpp>

#include <set>

#include "support/fake_services.hpp"

using namespace fbmcp;
using nlohmann::json;

namespace {

constexpr const char* kUsd = "act_1029384756102938";

std::vector<std::string> ids_of(const json& items) {
  std::vector<std::string> ids;
  for (const auto& item : items) ids.push_back(item["id"]);
  return ids;
}

}  // namespace

TEST_CASE("a list over the size budget is cut at a row, says so, and continues exactly there", "[router][budget]") {
  auto s = testing::fake_services();
  // Rows with every schedule and budget detail, so the fixture account's list passes a small budget.
  const json wide = {"objective",   "start_time",   "stop_time",   "bid_strategy", "budget_remaining",
                     "buying_type", "created_time", "updated_time", "special_ad_categories"};
  const auto everything =
      testing::call(*s, "list_campaigns", {{"ad_account_id", kUsd}, {"limit", 500}, {"fields", wide}});
  const auto all_ids = ids_of(everything.structured["data"]["items"]);
  REQUIRE(all_ids.size() >= 6);
  CHECK_FALSE(everything.structured.contains("truncated"));

  constexpr size_t kBudget = 2500;
  s->router->set_max_result_chars(kBudget);
  std::vector<std::string> walked;
  json args = {{"ad_account_id", kUsd}, {"limit", 500}, {"fields", wide}};
  int pages = 0;
  for (; pages < 50; ++pages) {
    auto page = testing::call(*s, "list_campaigns", args);
    REQUIRE_FALSE(page.is_error);
    const auto& sc = page.structured;
    CHECK(sc.dump().size() <= kBudget);
    CHECK(sc["summary"].get<std::string>().find("campaign(s)") != std::string::npos);
    for (const auto& id : ids_of(sc["data"]["items"])) walked.push_back(id);
    if (!sc.contains("next")) break;
    // A cut says how many rows were shown and how to get the rest; the text says the same.
    if (sc.contains("truncated")) {
      CHECK(sc["truncated"]["shown"] == sc["data"]["items"].size());
      CHECK(sc["truncated"]["continue_with"]["after"] == sc["paging"]["after"]);
      CHECK(page.text.find("Showing the first") != std::string::npos);
    }
    CHECK(sc["next"]["op"] == "list_campaigns");
    args["after"] = sc["next"]["args"]["after"];
  }
  CHECK(pages > 1);
  CHECK(walked == all_ids);  // nothing skipped, nothing repeated
  CHECK(std::set<std::string>(walked.begin(), walked.end()).size() == walked.size());
}

TEST_CASE("a 500-campaign page fits the default budget with lean rows of about 120 bytes", "[router][budget]") {
  auto s = testing::fake_services();
  for (int i = 0; i < 500; ++i) {
    const auto made = testing::call(*s, "create_campaign",
                                    {{"ad_account_id", kUsd},
                                     {"name", "Prospecting " + std::to_string(1000 + i) + " – US"},
                                     {"objective", "OUTCOME_TRAFFIC"},
                                     {"special_ad_categories", json::array()},
                                     {"daily_budget", "25.00"}});
    REQUIRE_FALSE(made.is_error);
  }
  const auto page = testing::call(*s, "list_campaigns", {{"ad_account_id", kUsd}, {"limit", 500}});
  REQUIRE_FALSE(page.is_error);
  const auto& sc = page.structured;
  CHECK(sc.dump().size() <= 40000);
  const auto& rows = sc["data"]["items"];
  size_t row_bytes = 0;
  for (const auto& row : rows) {
    CHECK_FALSE(row.contains("account_id"));  // said once: data.ad_account_id
    CHECK(row["daily_budget"].is_string() == row.contains("daily_budget"));
    row_bytes += row.dump().size();
  }
  INFO("rows shown: " << rows.size() << ", average row: " << row_bytes / rows.size() << " bytes");
  CHECK(row_bytes / rows.size() <= 120);
  // 500 rows cannot all fit in 40,000 characters at ~100 bytes each: the cut says so and how to go on.
  if (rows.size() < 500) {
    CHECK(sc["truncated"]["shown"] == rows.size());
    CHECK(sc["next"]["args"]["after"] == sc["paging"]["after"]);
  }
}

TEST_CASE("every result has a summary; lists that stop early say what to call next", "[router][budget]") {
  auto s = testing::fake_services();
  auto r = testing::call(*s, "list_campaigns", {{"ad_account_id", kUsd}, {"limit", 2}});
  CHECK_FALSE(r.structured["summary"].get<std::string>().empty());
  CHECK(r.structured["next"]["args"]["after"] == r.structured["paging"]["after"]);
  CHECK(r.text.rfind(r.structured["summary"].get<std::string>(), 0) == 0);  // the text starts with the summary
  auto one = testing::call(*s, "get_ad_account_info", {{"ad_account_id", kUsd}});
  CHECK_FALSE(one.structured["summary"].get<std::string>().empty());
  CHECK_FALSE(one.structured.contains("next"));
}
