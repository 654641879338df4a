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
  const auto everything = testing::call(*s, "list_campaigns", {{"ad_account_id", kUsd}, {"limit", 500}});
  const auto all_ids = ids_of(everything.structured["data"]["items"]);
  REQUIRE(all_ids.size() >= 6);
  CHECK_FALSE(everything.structured.contains("truncated"));

  constexpr size_t kBudget = 2500;
  s->router->set_max_result_chars(kBudget);
  std::vector<std::string> walked;
  json args = {{"ad_account_id", kUsd}, {"limit", 500}};
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
