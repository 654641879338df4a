// webhook/event_extraction, webhook/value_summary and store/webhook_event_store: what a verified POST becomes,
// duplicates dropped, newest first with paging, bounded summaries, garbage refused, private files.
#include <catch2/catch.hpp>

#include <sys/stat.h>

#include "store/data_deletion_log.hpp"
#include "store/webhook_event_store.hpp"
#include "support/temp_dir.hpp"
#include "webhook/event_extraction.hpp"
#include "webhook/value_summary.hpp"

using namespace fbmcp;
using nlohmann::json;

namespace {

json page_event(const std::string& page_id, int64_t time, const std::string& field, const json& value) {
  return {{"object", "page"},
          {"entry", json::array({{{"id", page_id}, {"time", time}, {"changes", json::array({{{"field", field}, {"value", value}}})}}})}};
}

std::unique_ptr<store::WebhookEventStore> memory_store() {
  auto opened = store::WebhookEventStore::open(":memory:");
  REQUIRE(opened);
  return std::move(*opened);
}

}  // namespace

TEST_CASE("an event body becomes one row per entry change", "[webhooks]") {
  // Meta's getting-started sample payload (a user object's photos change).
  const std::string body =
      R"({"entry":[{"time":1520383571,"changes":[{"field":"photos","value":{"verb":"update","object_id":"10211885744794461"}}],)"
      R"("id":"10210299214172187","uid":"10210299214172187"}],"object":"user"})";
  auto events = webhook::extract_events(body, 1764000000);
  REQUIRE(events);
  REQUIRE(events->size() == 1);
  const auto& event = events->front();
  CHECK(event.object == "user");
  CHECK(event.entry_id == "10210299214172187");
  CHECK(event.time == 1520383571);
  CHECK(event.field == "photos");
  CHECK(event.received_at == 1764000000);
  CHECK(event.value_summary == R"({"object_id":"10211885744794461","verb":"update"})");
  CHECK(event.dedupe_key.size() == 64);

  SECTION("the same event received later has the same key; another change has another") {
    auto again = webhook::extract_events(body, 1764009999);
    REQUIRE(again);
    CHECK(again->front().dedupe_key == event.dedupe_key);
    auto other = webhook::extract_events(page_event("1", 1520383571, "feed", {{"verb", "add"}}).dump(), 0);
    REQUIRE(other);
    CHECK(other->front().dedupe_key != event.dedupe_key);
  }
  SECTION("an entry without changes (Messenger style) is one row of its own") {
    auto messaging = webhook::extract_events(
        R"({"object":"page","entry":[{"id":"7","time":1,"messaging":[{"message":{"text":"hi"}}]}]})", 0);
    REQUIRE(messaging);
    REQUIRE(messaging->size() == 1);
    CHECK(messaging->front().field.empty());
    CHECK(messaging->front().value_summary == R"({"messaging":[{"message":{"text":"hi"}}]})");
  }
}

TEST_CASE("garbage event bodies are refused without throwing", "[webhooks]") {
  const std::string deep = std::string(100000, '[') + std::string(100000, ']');
  const std::string deep_entry = R"({"object":"page","entry":[)" + std::string(40, '[') + std::string(40, ']') + "]}";
  for (const std::string& body : {std::string(""), std::string("not json"), std::string("{\"object\":"), deep,
                                  std::string("[]"), std::string("{}"), std::string(R"({"object":1,"entry":[]})"),
                                  std::string(R"({"object":"page","entry":{}})"),
                                  std::string(R"({"object":"page","entry":[1]})"), deep_entry,
                                  std::string("{\"object\":\"page\",\"entry\":[\"\xff\"]}")}) {
    INFO(body.substr(0, 60));
    auto events = webhook::extract_events(body, 0);
    REQUIRE_FALSE(events);
    CHECK(events.error().kind == core::ErrorKind::InvalidArgs);
  }
  json many = {{"object", "page"}, {"entry", json::array()}};
  auto changes = json::array();
  for (int i = 0; i < 1001; ++i) changes.push_back({{"field", "feed"}, {"value", i}});
  many["entry"].push_back({{"id", "1"}, {"time", 1}, {"changes", changes}});
  CHECK_FALSE(webhook::extract_events(many.dump(), 0));
}

TEST_CASE("value summaries stay short and valid UTF-8", "[webhooks]") {
  CHECK(webhook::summarize_value(json{{"verb", "add"}}) == R"({"verb":"add"})");
  json big = {{"message", std::string(500, 'x')}, {"nested", {{"a", 1}}}, {"list", json::array({1, 2, 3})},
              {"post_id", "123_456"}};
  const std::string summary = webhook::summarize_value(big);
  CHECK(summary.size() <= webhook::kValueSummaryChars + 8);
  CHECK(summary.find("list=[3 items]") != std::string::npos);
  CHECK(summary.find("nested={…}") != std::string::npos);
  CHECK(summary.find("post_id=123_456") != std::string::npos);
  // A cut never splits a multi-byte character, so the summary can be put in JSON as it is.
  std::string euro;
  for (int i = 0; i < 200; ++i) euro += "\xe2\x82\xac";
  const std::string cut = webhook::summarize_value(json{{"text", euro}, {"more", euro}});
  CHECK_NOTHROW(json(cut).dump());
  CHECK(json::parse(json(cut).dump()).get<std::string>() == cut);
}

TEST_CASE("the event store drops duplicates and lists newest first with paging", "[webhooks]") {
  auto events = memory_store();
  for (int i = 1; i <= 5; ++i) {
    auto rows = webhook::extract_events(page_event("42", 1000 + i, "feed", {{"n", i}}).dump(), 2000 + i);
    REQUIRE(rows);
    auto added = events->add(*rows);
    REQUIRE(added);
    CHECK(*added == 1);
  }
  auto repeated = webhook::extract_events(page_event("42", 1003, "feed", {{"n", 3}}).dump(), 9999);
  REQUIRE(repeated);
  CHECK(events->add(*repeated) == size_t{0});

  auto first = events->list(2);
  REQUIRE(first);
  REQUIRE(first->events.size() == 2);
  CHECK(first->has_more);
  CHECK(first->events[0].time == 1005);
  CHECK(first->events[1].time == 1004);
  auto second = events->list(10, first->events.back().seq);
  REQUIRE(second);
  REQUIRE(second->events.size() == 3);
  CHECK_FALSE(second->has_more);
  CHECK(second->events.back().time == 1001);

  auto other = webhook::extract_events(page_event("77", 1, "feed", {{"n", 0}}).dump(), 1);
  REQUIRE(other);
  REQUIRE(events->add(*other));
  CHECK(events->remove_entry("42") == size_t{5});
  auto left = events->list(10);
  REQUIRE(left);
  REQUIRE(left->events.size() == 1);
  CHECK(left->events[0].entry_id == "77");
}

TEST_CASE("webhooks.db is private to the user", "[webhooks]") {
  testing::TempDir dir("fbmcp-webhooks");
  const std::string path = store::webhooks_db_path(dir.path + "/data");
  auto events = store::WebhookEventStore::open(path);
  REQUIRE(events);
  auto deletions = store::DataDeletionLog::open(path);
  REQUIRE(deletions);
  REQUIRE((*deletions)->record({"abc123", 1764000000, 2, 3}));
  auto found = (*deletions)->find("abc123");
  REQUIRE(found);
  CHECK(found->tokens_removed == 2);
  CHECK(found->events_removed == 3);
  CHECK_FALSE((*deletions)->find("nope"));
  struct stat file {}, parent {};
  REQUIRE(::stat(path.c_str(), &file) == 0);
  REQUIRE(::stat((dir.path + "/data").c_str(), &parent) == 0);
  CHECK((file.st_mode & 0777) == 0600);
  CHECK((parent.st_mode & 0777) == 0700);
}
