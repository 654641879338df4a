// Pages and Instagram (issue 13) end to end over HTTP (live client against FakeGraphServer), some also in process:
// list_pages across several stored tokens when one has expired (190/463: skipped, marked expired), is refused with
// another 190 (skipped, marked invalid) or is throttled (skipped, never marked); instagram_media's local type filter
// paging without gaps or repeats; client
// page links kept on disk across a restart with the page token sealed (never in the file, a result or a log line);
// instagram_profile's 5-minute cache shown by the requests the fake server served; data deletion removes a user's
// links.
#include <catch2/catch.hpp>

#include <httplib.h>

#include <filesystem>
#include <fstream>
#include <map>

#include "app/user_token_removal.hpp"
#include "core/log.hpp"
#include "core/redact.hpp"
#include "graph/form_encoding.hpp"
#include "support/fake_services.hpp"

using nlohmann::json;
namespace testing = fbmcp::testing;

namespace {

json pages_data(const fbmcp::tool::ToolResult& result) { return result.structured.value("data", json::object()); }
// The rows of a list result, by value: a range-for over it keeps it alive (a reference into pages_data's temporary
// would dangle).
json pages_items(const fbmcp::tool::ToolResult& result) { return pages_data(result).value("items", json::array()); }

// Logs in through the emulator's dialog over HTTP as `user` (fake_user) and stores the token under `label`.
void login_as(fbmcp::app::Services& services, const std::string& label, const std::string& user) {
  auto url = testing::call(services, "login_url", {{"label", label}});
  REQUIRE_FALSE(url.is_error);
  std::string dialog = pages_data(url)["url"];
  if (!user.empty()) dialog += "&fake_user=" + user;
  const auto path_start = dialog.find('/', dialog.find("://") + 3);
  httplib::Client client(dialog.substr(0, path_start));
  auto response = client.Get(dialog.substr(path_start));
  REQUIRE(response);
  REQUIRE(response->status == 302);
  const auto location = response->get_header_value("Location");
  const auto query = fbmcp::graph::form_decode(location.substr(location.find('?') + 1));
  auto exchanged = testing::call(services, "exchange_code", {{"code", query.at("code")}, {"state", query.at("state")}});
  INFO(exchanged.text);
  REQUIRE_FALSE(exchanged.is_error);
}

std::string read_file_bytes(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), {});
}

std::vector<std::string> page_ids(const json& data) {
  std::vector<std::string> ids;
  for (const auto& row : data["items"]) ids.push_back(row["page_id"]);
  return ids;
}

// A user token from the emulator's own Facebook Login (dialog → code → /oauth/access_token): short-lived (two hours,
// as exchanged from the dialog's code) or, when `long_lived`, exchanged again with grant_type=fb_exchange_token.
std::string emulator_login_token(fbmcp::fake::GraphEmulator& emulator, const std::string& user, bool long_lived) {
  const auto& app = emulator.oauth_app();
  const std::string redirect = "http://127.0.0.1:9/callback";
  fbmcp::fake::ParamMap dialog = {{"client_id", app.id}, {"redirect_uri", redirect}, {"state", "s-" + user},
                                  {"scope", "pages_show_list,ads_read"}, {"response_type", "code"}};
  if (!user.empty()) dialog["fake_user"] = user;
  auto redirected = emulator.oauth_dialog(dialog);
  REQUIRE(redirected);
  const auto query = fbmcp::graph::form_decode(redirected->substr(redirected->find('?') + 1));
  auto exchanged = emulator.handle("GET", "oauth/access_token", {{"client_id", app.id}, {"client_secret", app.secret},
                                                                 {"redirect_uri", redirect}, {"code", query.at("code")}});
  REQUIRE(exchanged.status == 200);
  std::string token = json::parse(exchanged.body)["access_token"];
  if (!long_lived) return token;
  auto extended = emulator.handle("GET", "oauth/access_token", {{"client_id", app.id}, {"client_secret", app.secret},
                                                                {"grant_type", "fb_exchange_token"},
                                                                {"fb_exchange_token", token}});
  REQUIRE(extended.status == 200);
  return json::parse(extended.body)["access_token"];
}

// Issue 13's proof with an expired token: two stored tokens from the emulator's login, Ravi's short-lived (2 h) one
// outlived by moving the emulator's clock three hours on. list_pages skips it with Graph's 190/463, lists Dana's
// pages, and the store marks it expired — not invalid, which is what any other 190 means.
void prove_expired_token_is_skipped(fbmcp::app::Services& services, fbmcp::fake::GraphEmulator& emulator) {
  auto opened = services.tokens->store(true);
  REQUIRE(opened);
  REQUIRE(*opened);
  REQUIRE((*opened)->put("dana", emulator_login_token(emulator, "", true), {}));
  REQUIRE((*opened)->put("ravi", emulator_login_token(emulator, "100090000000002", false), {}));
  emulator.require_known_tokens(true);

  auto before = testing::call(services, "list_pages");
  INFO(before.text);
  REQUIRE_FALSE(before.is_error);
  CHECK(pages_data(before)["count"] == 6);  // Dana's five and Ravi's one, while both tokens are good

  emulator.set_clock([] { return std::string("2026-11-23T15:00:00+0000"); });  // 3 h on: Ravi's 2 h token is over
  auto listed = testing::call(services, "list_pages");
  INFO(listed.text);
  REQUIRE_FALSE(listed.is_error);
  const auto data = pages_data(listed);
  CHECK(data["count"] == 5);
  const auto ids = page_ids(data);
  CHECK(std::find(ids.begin(), ids.end(), "104857600000006") == ids.end());  // Ravi's page went with his token
  CHECK(std::find(ids.begin(), ids.end(), "104857600000001") != ids.end());
  for (const auto& row : data["items"]) CHECK(row["token"] == "dana");
  const auto warnings = listed.structured["warnings"].dump();
  CHECK(warnings.find("token 'ravi' skipped: Graph error 190/463") != std::string::npos);
  CHECK(warnings.find("Error validating access token: Session has expired on Monday, 23-Nov-26 06:00:00 PST. The "
                      "current time is Monday, 23-Nov-26 07:00:00 PST.") != std::string::npos);
  CHECK(warnings.find("marked expired") != std::string::npos);
  CHECK(warnings.find("token 'dana'") == std::string::npos);
  for (const auto& row : pages_items(testing::call(services, "list_tokens"))) {
    CHECK(row["status"] == (row["label"] == "ravi" ? "expired" : "active"));
  }
  // Marked, it is not asked again, and the warning says it is expired.
  const size_t served = emulator.requests_served();
  auto again = testing::call(services, "list_pages");
  CHECK(again.structured["warnings"].dump().find("token 'ravi' is expired: skipped") != std::string::npos);
  CHECK(pages_data(again)["count"] == 5);
  CHECK(emulator.requests_served() - served == 2);  // dana's /me/accounts and the server's own (refused) token
}

}  // namespace

TEST_CASE("list_pages with an expired stored token (in process): skipped, marked expired, the other token listed",
          "[list_pages]") {
  auto services = testing::fake_services();
  prove_expired_token_is_skipped(*services, *services->emulator);
}

TEST_CASE("list_pages with an expired stored token over HTTP: skipped, marked expired, the other token listed",
          "[list_pages][http]") {
  auto world = testing::http_world();
  prove_expired_token_is_skipped(*world->services, *world->emulator);
}

TEST_CASE("list_pages walks every stored token: a refused one is skipped and marked, the others' pages listed",
          "[list_pages][http]") {
  auto world = testing::http_world({.oauth_app = true});
  auto& services = *world->services;
  login_as(services, "dana", "");
  login_as(services, "ravi", "100090000000002");

  auto both = testing::call(services, "list_pages");
  INFO(both.text);
  REQUIRE_FALSE(both.is_error);
  // Dana's five pages (also reached by the server's own token, which stands for her) and Ravi's one.
  CHECK(pages_data(both)["count"] == 6);
  const auto ids = page_ids(pages_data(both));
  CHECK(std::find(ids.begin(), ids.end(), "104857600000006") != ids.end());
  CHECK_FALSE(both.structured.contains("warnings"));

  SECTION("a token Graph refuses with 190 is skipped with a warning and marked in the store") {
    auto opened = services.tokens->store(false);
    REQUIRE(opened);
    REQUIRE(*opened);
    REQUIRE((*opened)->put("stale", "EAAG-stale-token-not-issued-0123456789", {}));
    world->emulator->require_known_tokens(true);  // the stale token and the server's canary are now refused
    auto listed = testing::call(services, "list_pages");
    INFO(listed.text);
    REQUIRE_FALSE(listed.is_error);
    const auto data = pages_data(listed);
    CHECK(data["count"] == 6);  // dana's and ravi's tokens still list all six pages
    const auto warnings = listed.structured["warnings"].dump();
    CHECK(warnings.find("token 'stale' skipped: Graph error 190") != std::string::npos);
    CHECK(warnings.find("marked invalid") != std::string::npos);
    CHECK(warnings.find("token 'server' skipped") != std::string::npos);  // the environment's token is not stored
    for (const auto& row : pages_items(testing::call(services, "list_tokens"))) {
      CHECK(row["status"] == (row["label"] == "stale" ? "invalid" : "active"));
    }
    // Marked tokens are not asked again: skipped with a warning saying why.
    auto again = testing::call(services, "list_pages");
    CHECK(again.structured["warnings"].dump().find("token 'stale' is invalid: skipped") != std::string::npos);
  }

  SECTION("a throttle skips the token for this call but never marks it") {
    const json throttle = {{"kind", "graph_error"}, {"code", 17}, {"path", "me/accounts"}, {"count", 10},
                           {"regain_minutes", 30}};
    world->server->faults().add(fbmcp::fake::parse_fault(throttle).value());
    auto listed = testing::call(services, "list_pages");
    INFO(listed.text);
    REQUIRE_FALSE(listed.is_error);
    CHECK(listed.structured["warnings"].dump().find("Graph error 17") != std::string::npos);
    for (const auto& row : pages_items(testing::call(services, "list_tokens"))) CHECK(row["status"] == "active");
  }
}

TEST_CASE("client page links survive a restart, the page token is sealed, data deletion removes them",
          "[link_client_page][http]") {
  auto world = testing::http_world();
  std::string transcript;
  fbmcp::core::set_log_sink([&](fbmcp::core::LogLevel, std::string_view logger, std::string_view message) {
    transcript += std::string(logger) + ": " + std::string(message) + "\n";
  });
  auto linked = testing::call(*world->services, "link_client_page",
                              {{"client_id", "northwind"}, {"page_id", "104857600000001"}});
  INFO(linked.text);
  REQUIRE_FALSE(linked.is_error);
  CHECK(pages_data(linked)["created"] == true);
  CHECK(pages_data(linked)["instagram_business_account_id"] == "17841400000000001");
  transcript += linked.structured.dump() + linked.text;

  auto pages = world->services->tokens->client_pages();
  REQUIRE(pages);
  const auto page_token = (*pages)->page_token("northwind", "104857600000001");
  REQUIRE(page_token);
  CHECK(page_token->rfind("EAAPage104857600000001", 0) == 0);

  // A new server process on the same data dir: the link (and its page token) is still there and usable.
  world->services.reset();
  fbmcp::core::Settings live;
  live.mode = fbmcp::core::Mode::Live;
  live.graph_url = world->server->base_url();
  live.access_token = testing::kCanaryToken;
  live.data_dir = world->data_dir;
  auto restarted = fbmcp::app::make_services(live);
  REQUIRE(restarted);
  auto& services = **restarted;
  auto listed = testing::call(services, "list_client_pages");
  transcript += listed.structured.dump() + listed.text;
  REQUIRE(pages_data(listed)["count"] == 1);
  CHECK(pages_data(listed)["items"][0]["page_id"] == "104857600000001");
  auto posts = testing::call(services, "list_page_posts", {{"client_id", "northwind"}, {"limit", 2}});
  transcript += posts.structured.dump() + posts.text;
  INFO(posts.text);
  REQUIRE_FALSE(posts.is_error);
  CHECK(pages_data(posts)["items"][0]["object_story_id"].get<std::string>().rfind("104857600000001_", 0) == 0);
  auto profile = testing::call(services, "instagram_profile", {{"client_id", "northwind"}});
  transcript += profile.structured.dump() + profile.text;
  CHECK(pages_data(profile)["profile"]["username"] == "northwind.outfitters");

  // The page token is nowhere in plain text: not in the database files, not in a result, not in a log line.
  const auto db = read_file_bytes(std::filesystem::path(world->data_dir) / "client_pages.db");
  CHECK(db.find("CREATE TABLE client_pages") != std::string::npos);  // the file was read
  CHECK(db.find("104857600000001") != std::string::npos);            // and holds the link
  for (const auto& entry : std::filesystem::directory_iterator(world->data_dir)) {
    INFO(entry.path().string());
    CHECK(read_file_bytes(entry.path()).find(*page_token) == std::string::npos);
  }
  CHECK(transcript.find(*page_token) == std::string::npos);
  CHECK(transcript.find("EAAPage") == std::string::npos);
  fbmcp::core::set_log_sink(nullptr);

  // The data-deletion callback for the user whose token made the link (the fixture user the canary stands for).
  auto removed = fbmcp::app::remove_user_tokens(world->data_dir, "100090000000001");
  REQUIRE(removed);
  CHECK(pages_data(testing::call(services, "list_client_pages"))["count"] == 0);
}

TEST_CASE("instagram_profile is cached 5 minutes per account; fresh asks Meta again (requests at the server)",
          "[instagram_profile][http]") {
  auto world = testing::http_world();
  auto& services = *world->services;
  const json args = {{"ig_user_id", "17841400000000002"}, {"media_limit", 3}};
  const size_t start = world->emulator->requests_served();
  auto first = testing::call(services, "instagram_profile", args);
  REQUIRE_FALSE(first.is_error);
  CHECK(pages_data(first)["cache"]["hit"] == false);
  const size_t after_first = world->emulator->requests_served();
  CHECK(after_first - start == 2);  // the IG user and its media

  auto second = testing::call(services, "instagram_profile", args);
  REQUIRE_FALSE(second.is_error);
  CHECK(pages_data(second)["cache"]["hit"] == true);
  CHECK(second.structured["warnings"].dump().find("fresh: true") != std::string::npos);
  CHECK(world->emulator->requests_served() == after_first);  // nothing asked
  CHECK(pages_data(second)["profile"] == pages_data(first)["profile"]);

  json fresh_args = args;
  fresh_args["fresh"] = true;
  auto fresh = testing::call(services, "instagram_profile", fresh_args);
  REQUIRE_FALSE(fresh.is_error);
  CHECK(pages_data(fresh)["cache"]["hit"] == false);
  CHECK(world->emulator->requests_served() - after_first == 2);

  // Another account is another entry.
  auto other = testing::call(services, "instagram_profile", {{"ig_user_id", "17841400000000001"}, {"media_limit", 3}});
  CHECK(pages_data(other)["cache"]["hit"] == false);
}

TEST_CASE("the emulator's page tokens: distinct per user token, accepted only on their own page", "[list_pages]") {
  auto services = testing::fake_services();
  auto& emulator = *services->emulator;
  auto read = [&](const std::string& path, const std::string& token, const std::string& fields) {
    auto response = emulator.handle("GET", path, {{"access_token", token}, {"fields", fields}});
    return std::make_pair(response.status, json::parse(response.body));
  };
  auto [status_a, accounts_a] = read("me/accounts", "user-token-a", "id,access_token");
  auto [status_b, accounts_b] = read("me/accounts", "user-token-b", "id,access_token");
  REQUIRE(status_a == 200);
  REQUIRE(accounts_a["data"].size() == 5);
  const std::string token = accounts_a["data"][0]["access_token"];
  CHECK(token != accounts_a["data"][1]["access_token"].get<std::string>());
  CHECK(token != accounts_b["data"][0]["access_token"].get<std::string>());
  const std::string own_page = accounts_a["data"][0]["id"];
  const std::string other_page = accounts_a["data"][1]["id"];
  CHECK(read(own_page, token, "id,name").first == 200);
  CHECK(read(own_page + "/published_posts", token, "id").first == 200);
  auto [refused_status, refused] = read(other_page, token, "id,name");
  CHECK(refused_status == 400);
  CHECK(refused["error"]["code"] == 100);
  CHECK(refused["error"]["error_subcode"] == 33);
}

namespace {

// Pages through instagram_media with `args` (a limit per call) and returns every media id in order; `pages` counts
// the calls. Fails the test when a page's cursor is missing while has_more says more follow.
std::vector<std::string> all_instagram_media(fbmcp::app::Services& services, json args, int& pages) {
  std::vector<std::string> ids;
  pages = 0;
  for (;;) {
    auto page = testing::call(services, "instagram_media", args);
    INFO(page.text);
    REQUIRE_FALSE(page.is_error);
    ++pages;
    REQUIRE(pages < 50);
    for (const auto& row : pages_items(page)) ids.push_back(row["id"].get<std::string>());
    if (!page.structured.contains("paging")) break;
    REQUIRE(page.structured["paging"].contains("after"));
    args["after"] = page.structured["paging"]["after"];
  }
  return ids;
}

void prove_type_filter_pages_without_gaps(fbmcp::app::Services& services) {
  // The whole list unfiltered, in one call: what the filtered pages must add up to.
  auto whole = testing::call(services, "instagram_media", {{"ig_user_id", "17841400000000001"}, {"limit", 100}});
  REQUIRE_FALSE(whole.is_error);
  REQUIRE_FALSE(whole.structured.contains("paging"));
  std::map<std::string, std::vector<std::string>> by_type;
  for (const auto& row : pages_items(whole)) by_type[row["media_type"].get<std::string>()].push_back(row["id"].get<std::string>());
  REQUIRE(by_type["IMAGE"].size() >= 2);
  REQUIRE(by_type["CAROUSEL_ALBUM"].size() >= 2);
  REQUIRE(by_type.size() >= 3);  // the filter has something to drop on most pages

  for (const auto& [type, expected] : by_type) {
    for (int limit : {1, 2, 3}) {
      INFO(type << " limit " << limit);
      int pages = 0;
      const auto ids = all_instagram_media(
          services, {{"ig_user_id", "17841400000000001"}, {"media_type", type}, {"limit", limit}}, pages);
      CHECK(ids == expected);  // same media, same order: none skipped, none repeated
      CHECK(pages >= static_cast<int>(pages_data(whole)["count"].get<size_t>()) / limit);
    }
  }

  // A page the filter leaves short says so, and says the filter is local.
  auto first = testing::call(services, "instagram_media",
                             {{"ig_user_id", "17841400000000001"}, {"media_type", "CAROUSEL_ALBUM"}, {"limit", 2}});
  REQUIRE_FALSE(first.is_error);
  const auto filter = pages_data(first)["media_type_filter"];
  CHECK(filter["applied"] == "locally");
  CHECK(filter["rows_read"] == 2);
  CHECK(filter["rows_kept"] == pages_data(first)["count"]);
  CHECK(first.structured["paging"]["has_more"] == true);
}

}  // namespace

TEST_CASE("instagram_media's type filter is applied locally; paging with it skips and repeats nothing",
          "[instagram_media]") {
  auto services = testing::fake_services();
  prove_type_filter_pages_without_gaps(*services);
}

TEST_CASE("instagram_media's type filter over HTTP: paging with it skips and repeats nothing",
          "[instagram_media][http]") {
  auto world = testing::http_world();
  prove_type_filter_pages_without_gaps(*world->services);
}

TEST_CASE("the emulator's carousel children are IG Media nodes: GET /<child>, /<album>/children, no insights",
          "[instagram_post]") {
  auto services = testing::fake_services();
  auto& emulator = *services->emulator;
  auto read = [&](const std::string& path, const fbmcp::fake::ParamMap& params) {
    auto response = emulator.handle("GET", path, params);
    return std::make_pair(response.status, json::parse(response.body));
  };
  // A child read on its own: what Graph shows of an album item, no permalink, no caption.
  auto [child_status, child] = read("17910000000000032", {{"fields", "id,media_type,media_url,thumbnail_url,timestamp,"
                                                                     "permalink,caption"}});
  REQUIRE(child_status == 200);
  CHECK(child == json{{"id", "17910000000000032"},
                      {"media_type", "VIDEO"},
                      {"media_url", "https://scontent.example.invalid/ig/15218b2c936-2.mp4"},
                      {"thumbnail_url", "https://scontent.example.invalid/ig/15218b2c936-2-thumb.jpg"},
                      {"timestamp", "2026-09-09T17:05:11+0000"}});
  // The album's children edge: ids by default (the reference's sample answer), fields when asked.
  auto [edge_status, edge] = read("17900000000000003/children", {});
  REQUIRE(edge_status == 200);
  CHECK(edge["data"] == json::parse(R"([{"id":"17910000000000031"},{"id":"17910000000000032"}])"));
  auto [fields_status, with_fields] = read("17900000000000003/children", {{"fields", "media_type"}});
  REQUIRE(fields_status == 200);
  CHECK(with_fields["data"][1] == json{{"id", "17910000000000032"}, {"media_type", "VIDEO"}});
  // Read as a field of the album, the children come from the child nodes too.
  auto [album_status, album] = read("17900000000000003", {{"fields", "children{media_type,media_url}"}});
  REQUIRE(album_status == 200);
  CHECK(album["children"]["data"][0] == json{{"id", "17910000000000031"}, {"media_type", "IMAGE"},
                                             {"media_url", "https://scontent.example.invalid/ig/15218b2c936-1.jpg"}});
  // Not an album: no children edge rows.
  CHECK(read("17900000000000001/children", {}).second["data"].empty());
  // The account's media lists the album, never its items.
  auto [media_status, media] = read("17841400000000001/media", {{"limit", "100"}});
  REQUIRE(media_status == 200);
  CHECK(media["data"].size() == 6);
  CHECK(media["data"].dump().find("179100000000000") == std::string::npos);
  // "Insights data is not available for any media within an Instagram Media album."
  auto [insights_status, insights] = read("17910000000000031/insights", {{"metric", "reach"}});
  CHECK(insights_status == 400);
  CHECK(insights["error"]["code"] == 100);
  CHECK(insights["error"]["message"].get<std::string>().find("within an Instagram Media album") != std::string::npos);
  CHECK(read("17900000000000003/insights", {{"metric", "reach"}}).first == 200);  // the album itself has them

  // instagram_post asks the album's children edge (a second Graph call), only for an album.
  size_t served = emulator.requests_served();
  REQUIRE_FALSE(testing::call(*services, "instagram_post", {{"media_id", "17900000000000002"}}).is_error);
  CHECK(emulator.requests_served() - served == 1);
  served = emulator.requests_served();
  auto post = testing::call(*services, "instagram_post", {{"media_id", "17900000000000003"}});
  CHECK(emulator.requests_served() - served == 2);
  INFO(post.text);
  REQUIRE_FALSE(post.is_error);
  const auto children = pages_data(post)["media"]["children"];
  REQUIRE(children.size() == 2);
  CHECK(children[1]["thumbnail_url"] == "https://scontent.example.invalid/ig/15218b2c936-2-thumb.jpg");
  CHECK(children[1]["timestamp"] == "2026-09-09T17:05:11+0000");
  CHECK_FALSE(children[1].contains("permalink"));
}
