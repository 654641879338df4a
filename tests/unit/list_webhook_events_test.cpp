// list_webhook_events over a store holding events (goldens see only the empty store both modes share): newest
// first, lean rows, paging that continues where it stopped, a refused foreign cursor.
#include <catch2/catch.hpp>

#include "support/fake_services.hpp"
#include "webhook/event_extraction.hpp"

using namespace fbmcp;
using nlohmann::json;

namespace {

void receive(app::Services& services, const std::string& page_id, int64_t time, const std::string& verb) {
  const json body = {{"object", "page"},
                     {"entry", json::array({{{"id", page_id},
                                             {"time", time},
                                             {"changes", json::array({{{"field", "feed"},
                                                                       {"value", {{"verb", verb}, {"item", "post"}}}}})}}})}};
  auto events = webhook::extract_events(body.dump(), time + 2);
  REQUIRE(events);
  REQUIRE(services.webhook_events->add(*events));
}

}  // namespace

TEST_CASE("list_webhook_events shows stored events newest first, with paging", "[webhooks][list_webhook_events]") {
  auto services = testing::fake_services();
  for (int i = 0; i < 5; ++i) receive(*services, "10" + std::to_string(i), 1764000000 + i * 60, i % 2 ? "edited" : "add");

  auto first = testing::call(*services, "list_webhook_events", {{"limit", 2}});
  INFO(first.text);
  REQUIRE_FALSE(first.is_error);
  const auto& data = first.structured["data"];
  REQUIRE(data["items"].size() == 2);
  CHECK(data["items"][0] == json{{"object", "page"}, {"field", "feed"}, {"entry_id", "104"},
                                 {"time", "2025-11-24T16:04:00+0000"}, {"received_at", "2025-11-24T16:04:02+0000"},
                                 {"value_summary", R"({"item":"post","verb":"add"})"}});
  CHECK(data["items"][1]["entry_id"] == "103");
  REQUIRE(first.structured.contains("paging"));
  const std::string after = first.structured["paging"]["after"];

  auto rest = testing::call(*services, "list_webhook_events", {{"limit", 10}, {"after", after}});
  REQUIRE_FALSE(rest.is_error);
  REQUIRE(rest.structured["data"]["items"].size() == 3);
  CHECK(rest.structured["data"]["items"][2]["entry_id"] == "100");
  CHECK_FALSE(rest.structured.contains("paging"));

  auto foreign = testing::call(*services, "list_webhook_events", {{"after", "0"}});
  CHECK(foreign.is_error);
  auto not_digits = testing::call(*services, "list_webhook_events", {{"after", "MTAy"}});
  CHECK(not_digits.is_error);
}
