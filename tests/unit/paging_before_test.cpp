// The emulator's list edges page backwards as Graph does (graph-api-facts.md §4): paging.cursors.before on every
// page, paging.previous on every page but the first, and before=<cursor> answering the rows just ahead of it.
// Meta's Node SDK (Cursor.previous) follows `previous` verbatim.
#include <catch2/catch.hpp>

#include <vector>

#include "fake/edge_listing.hpp"
#include "graph/form_encoding.hpp"
#include "support/fake_services.hpp"

using namespace fbmcp;
using nlohmann::json;

namespace {

json paging_body(const graph::HttpResponse& r) { return json::parse(r.body); }

const char* kAllStatuses = R"(["ACTIVE","PAUSED","ARCHIVED","DELETED","IN_PROCESS","WITH_ISSUES"])";

std::vector<std::string> ids_of(const json& page) {
  std::vector<std::string> ids;
  for (const auto& row : page["data"]) ids.push_back(row["id"]);
  return ids;
}

// The query of a paging link, as the params a client following it would send.
fake::ParamMap params_of_link(const std::string& url) {
  const auto q = url.find('?');
  REQUIRE(q != std::string::npos);
  fake::ParamMap params;
  for (auto& [key, value] : graph::form_decode(url.substr(q + 1))) params[key] = value;
  return params;
}

}  // namespace

TEST_CASE("walking forward with after and back with before gives the same pages", "[fake][paging]") {
  auto services = testing::fake_services();
  auto& emulator = *services->emulator;
  const std::string act = "act_1029384756102938";
  fake::ParamMap params = {{"limit", "2"}, {"effective_status", kAllStatuses}};
  std::vector<json> forward;
  for (int guard = 0; guard < 100; ++guard) {
    auto page = paging_body(emulator.handle("GET", act + "/campaigns", params));
    REQUIRE(page.contains("paging"));
    CHECK(page["paging"]["cursors"].contains("before"));
    CHECK(page["paging"].contains("previous") == !forward.empty());  // the first page has no `previous`
    forward.push_back(page);
    if (!page["paging"].contains("next")) break;
    params = params_of_link(page["paging"]["next"]);
  }
  REQUIRE(forward.size() >= 3);

  // Back from the last page by its `previous` links, then by hand with before=<cursor>.
  for (size_t i = forward.size() - 1; i > 0; --i) {
    INFO("page " << i);
    auto back = paging_body(emulator.handle("GET", act + "/campaigns",
                                            params_of_link(forward[i]["paging"]["previous"])));
    CHECK(ids_of(back) == ids_of(forward[i - 1]));
    CHECK(back["paging"].contains("next"));
    CHECK(back["paging"].contains("previous") == (i - 1 > 0));
    auto by_cursor = paging_body(emulator.handle(
        "GET", act + "/campaigns",
        {{"limit", "2"}, {"effective_status", kAllStatuses}, {"before", forward[i]["paging"]["cursors"]["before"]}}));
    CHECK(ids_of(by_cursor) == ids_of(forward[i - 1]));
  }
}

TEST_CASE("before the first row there is nothing, and a foreign before cursor is refused (#2642)", "[fake][paging]") {
  auto services = testing::fake_services();
  auto& emulator = *services->emulator;
  const std::string act = "act_1029384756102938";
  auto first = paging_body(emulator.handle("GET", act + "/campaigns", {{"limit", "2"}}));
  CHECK_FALSE(first["paging"].contains("previous"));
  auto none = paging_body(
      emulator.handle("GET", act + "/campaigns", {{"limit", "2"}, {"before", first["paging"]["cursors"]["before"]}}));
  CHECK(none["data"].empty());
  CHECK_FALSE(none.contains("paging"));
  auto refused = emulator.handle("GET", act + "/campaigns", {{"before", fake::encode_cursor("999")}});
  CHECK(refused.status == 400);
  CHECK(paging_body(refused)["error"]["code"] == 2642);
}
