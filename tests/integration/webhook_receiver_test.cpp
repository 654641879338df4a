// `facebook-mcp webhooks` over real HTTP on 127.0.0.1 (in-process, port 0): every path with good and bad signatures,
// duplicates dropped, the size cap, garbage bodies, and the user callbacks acting on a temp data dir's token store.
#include <catch2/catch.hpp>

#include <httplib.h>

#include <mutex>
#include <openssl/evp.h>
#include <openssl/hmac.h>

#include "app/token_store_access.hpp"
#include "app/user_token_removal.hpp"
#include "core/log.hpp"
#include "crypto/base64.hpp"
#include "crypto/hmac.hpp"
#include "support/temp_dir.hpp"
#include "webhook/hub_signature.hpp"
#include "webhook/webhook_server.hpp"

using namespace fbmcp;
using nlohmann::json;

namespace {

constexpr const char* kAppSecret = "webhook-test-app-secret-0123456789";
constexpr const char* kVerifyToken = "verify-me-please";

struct Receiver {
  explicit Receiver(size_t max_body_bytes = 1 << 20, std::string verify_token = kVerifyToken) {
    auto opened_events = store::WebhookEventStore::open(store::webhooks_db_path(dir.path));
    REQUIRE(opened_events);
    events = std::move(*opened_events);
    auto opened_deletions = store::DataDeletionLog::open(store::webhooks_db_path(dir.path));
    REQUIRE(opened_deletions);
    deletions = std::move(*opened_deletions);
    webhook::WebhookReceiverConfig config{kAppSecret, std::move(verify_token), "", max_body_bytes};
    server = std::make_unique<webhook::WebhookServer>(
        config, *events, *deletions,
        [data_dir = dir.path](const std::string& user_id) { return app::remove_user_tokens(data_dir, user_id); });
    auto port = server->start("127.0.0.1", 0);
    REQUIRE(port);
    client = std::make_unique<httplib::Client>("127.0.0.1", *port);
    client->set_read_timeout(10, 0);
  }
  ~Receiver() { server->stop(); }

  httplib::Result post_event(const std::string& body, const std::string& signature) {
    httplib::Headers headers;
    if (!signature.empty()) headers.emplace("X-Hub-Signature-256", signature);
    return client->Post("/", headers, body, "application/json");
  }
  httplib::Result post_signed(const std::string& body) {
    return post_event(body, webhook::hub_signature_for(kAppSecret, body));
  }
  size_t stored_events() {
    auto page = events->list(100);
    REQUIRE(page);
    return page->events.size();
  }

  testing::TempDir dir{"fbmcp-webhooks"};
  std::unique_ptr<store::WebhookEventStore> events;
  std::unique_ptr<store::DataDeletionLog> deletions;
  std::unique_ptr<webhook::WebhookServer> server;
  std::unique_ptr<httplib::Client> client;
};

// Every log line while it lives, to check what refusals say (and that they never hold a body).
struct LogCapture {
  LogCapture() {
    core::set_log_sink([this](core::LogLevel, std::string_view, std::string_view message) {
      std::lock_guard lock(mutex);
      lines += std::string(message) + "\n";
    });
  }
  ~LogCapture() { core::set_log_sink({}); }
  std::string text() {
    std::lock_guard lock(mutex);
    return lines;
  }
  std::mutex mutex;
  std::string lines;
};

std::string feed_event(const std::string& page_id, int64_t time, const std::string& message) {
  return json{{"object", "page"},
              {"entry", json::array({{{"id", page_id},
                                      {"time", time},
                                      {"changes", json::array({{{"field", "feed"},
                                                                {"value", {{"item", "post"}, {"verb", "add"},
                                                                           {"message", message}}}}})}}})}}
      .dump();
}

// As the spec builds it (graph-api-facts.md): b64url(HMAC-SHA256(secret, encoded payload)) "." b64url(payload).
std::string signed_request_for(const std::string& secret, const json& payload) {
  const std::string encoded = crypto::base64url_encode(payload.dump());
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int length = 0;
  HMAC(EVP_sha256(), secret.data(), static_cast<int>(secret.size()),
       reinterpret_cast<const unsigned char*>(encoded.data()), encoded.size(), digest, &length);
  return crypto::base64url_encode(std::string(reinterpret_cast<const char*>(digest), length)) + "." + encoded;
}

json user_payload(const std::string& user_id) {
  return {{"algorithm", "HMAC-SHA256"}, {"issued_at", 1764000000}, {"user_id", user_id}};
}

// Two users' tokens in the receiver's data dir, as login / token add leave them.
void store_tokens_of_two_users(const std::string& data_dir) {
  auto opened = app::open_store(data_dir);
  REQUIRE(opened);
  REQUIRE(opened->tokens->put("alice", "EAAG-alice-0001", {"1001", "Alice", json::array(), 0}));
  REQUIRE(opened->tokens->put("alice-system", "EAAG-alice-0002", {"1001", "Alice", json::array(), 0}));
  REQUIRE(opened->tokens->put("bob", "EAAG-bob-0003", {"2002", "Bob", json::array(), 0}));
}

std::vector<std::string> stored_labels(const std::string& data_dir) {
  auto opened = app::open_store(data_dir);
  REQUIRE(opened);
  auto rows = opened->tokens->list();
  REQUIRE(rows);
  std::vector<std::string> labels;
  for (const auto& row : *rows) labels.push_back(row.label);
  return labels;
}

}  // namespace

TEST_CASE("webhooks: the subscription check echoes the challenge only for the verify token", "[webhooks]") {
  Receiver receiver;
  auto good = receiver.client->Get("/?hub.mode=subscribe&hub.challenge=1158201444&hub.verify_token=verify-me-please");
  REQUIRE(good);
  CHECK(good->status == 200);
  CHECK(good->body == "1158201444");
  CHECK(good->get_header_value("Content-Type").rfind("text/plain", 0) == 0);
  // Any path: the callback URL is whatever the user's proxy forwards.
  auto nested = receiver.client->Get("/fb/hook?hub.mode=subscribe&hub.challenge=7&hub.verify_token=verify-me-please");
  REQUIRE(nested);
  CHECK(nested->body == "7");
  for (const char* refused : {"/?hub.mode=subscribe&hub.challenge=1&hub.verify_token=verify-me-pleasE",
                              "/?hub.mode=subscribe&hub.challenge=1&hub.verify_token=",
                              "/?hub.mode=subscribe&hub.challenge=1",
                              "/?hub.mode=unsubscribe&hub.challenge=1&hub.verify_token=verify-me-please",
                              "/?hub.mode=subscribe&hub.verify_token=verify-me-please", "/"}) {
    INFO(refused);
    auto answer = receiver.client->Get(refused);
    REQUIRE(answer);
    CHECK(answer->status == 403);
    CHECK(answer->body.find("1") == std::string::npos);
  }
  SECTION("with no verify token configured every check is refused") {
    Receiver unconfigured(1 << 20, "");
    auto answer = unconfigured.client->Get("/?hub.mode=subscribe&hub.challenge=5&hub.verify_token=");
    REQUIRE(answer);
    CHECK(answer->status == 403);
  }
}

TEST_CASE("webhooks: signed events are stored once; unsigned or mis-signed ones are refused and logged without the body",
          "[webhooks]") {
  Receiver receiver;
  LogCapture logs;
  const std::string body = feed_event("1234567890", 1764000000, "SECRET-BODY-MARKER");
  auto first = receiver.post_signed(body);
  REQUIRE(first);
  CHECK(first->status == 200);
  CHECK(json::parse(first->body) == json{{"received", 1}, {"new", 1}});
  // Meta re-delivers until it gets a 200: the second copy is acknowledged and dropped.
  auto again = receiver.post_signed(body);
  REQUIRE(again);
  CHECK(again->status == 200);
  CHECK(json::parse(again->body)["new"] == 0);
  CHECK(receiver.stored_events() == 1);

  const std::string forged = feed_event("1234567890", 1764000001, "SECRET-BODY-MARKER");
  for (const std::string& signature : {std::string(""), webhook::hub_signature_for("wrong secret", forged),
                                       webhook::hub_signature_for(kAppSecret, body), std::string("sha256=zz"),
                                       "sha1=" + crypto::hmac_sha256_hex(kAppSecret, forged)}) {
    INFO(signature);
    auto refused = receiver.post_event(forged, signature);
    REQUIRE(refused);
    CHECK(refused->status == 403);
  }
  CHECK(receiver.stored_events() == 1);
  const std::string log = logs.text();
  CHECK(log.find("X-Hub-Signature-256") != std::string::npos);
  CHECK(log.find("SECRET-BODY-MARKER") == std::string::npos);
  CHECK(log.find(kAppSecret) == std::string::npos);
}

TEST_CASE("webhooks: bodies over the cap get 413 and nothing is stored", "[webhooks]") {
  Receiver receiver(4096);
  const std::string big = feed_event("1", 1, std::string(8192, 'x'));
  auto refused = receiver.post_signed(big);
  REQUIRE(refused);
  CHECK(refused->status == 413);
  auto small = receiver.post_signed(feed_event("1", 1, "fits"));
  REQUIRE(small);
  CHECK(small->status == 200);
  CHECK(receiver.stored_events() == 1);
}

TEST_CASE("webhooks: garbage bodies never crash the receiver", "[webhooks]") {
  Receiver receiver;
  const std::string deep = std::string(200000, '[') + std::string(200000, ']');
  for (const std::string& body : {std::string("not json"), std::string("{\"object\":"), deep, std::string("null"),
                                  std::string(R"({"object":"page","entry":[7]})"), std::string("\xff\xfe\x00\x01", 4),
                                  std::string("{\"object\":\"page\",\"entry\":[{\"id\":\"\xc3\x28\"}]}")}) {
    auto signed_garbage = receiver.post_signed(body);
    REQUIRE(signed_garbage);
    CHECK(signed_garbage->status == 400);
    auto unsigned_garbage = receiver.post_event(body, "sha256=00");
    REQUIRE(unsigned_garbage);
    CHECK(unsigned_garbage->status == 403);
  }
  // Garbage on the user callbacks and the status page too.
  auto no_form = receiver.client->Post("/deauthorize", "{}", "application/json");
  REQUIRE(no_form);
  CHECK(no_form->status == 400);
  auto junk = receiver.client->Post("/data-deletion", httplib::Params{{"signed_request", std::string(5000, '.')}});
  REQUIRE(junk);
  CHECK(junk->status == 400);
  auto status = receiver.client->Get("/data-deletion/status?code=%00%ff<script>");
  REQUIRE(status);
  CHECK(status->status == 404);
  CHECK(status->body.find("<script>") == std::string::npos);
  // Still serving.
  auto alive = receiver.post_signed(feed_event("9", 9, "after the garbage"));
  REQUIRE(alive);
  CHECK(alive->status == 200);
  CHECK(receiver.stored_events() == 1);
}

TEST_CASE("webhooks: deauthorize removes that user's stored tokens, only with a valid signed_request", "[webhooks]") {
  Receiver receiver;
  store_tokens_of_two_users(receiver.dir.path);

  auto forged = receiver.client->Post(
      "/deauthorize", httplib::Params{{"signed_request", signed_request_for("wrong secret", user_payload("1001"))}});
  REQUIRE(forged);
  CHECK(forged->status == 403);
  auto wrong_algorithm = receiver.client->Post(
      "/deauthorize",
      httplib::Params{{"signed_request",
                       signed_request_for(kAppSecret, {{"algorithm", "HMAC-SHA1"}, {"user_id", "1001"}})}});
  REQUIRE(wrong_algorithm);
  CHECK(wrong_algorithm->status == 403);
  CHECK(stored_labels(receiver.dir.path) == std::vector<std::string>{"alice", "alice-system", "bob"});

  auto good = receiver.client->Post(
      "/deauthorize", httplib::Params{{"signed_request", signed_request_for(kAppSecret, user_payload("1001"))}});
  REQUIRE(good);
  CHECK(good->status == 200);
  CHECK(stored_labels(receiver.dir.path) == std::vector<std::string>{"bob"});

  SECTION("a user with no stored token is acknowledged all the same") {
    auto unknown = receiver.client->Post(
        "/deauthorize", httplib::Params{{"signed_request", signed_request_for(kAppSecret, user_payload("31337"))}});
    REQUIRE(unknown);
    CHECK(unknown->status == 200);
    CHECK(stored_labels(receiver.dir.path) == std::vector<std::string>{"bob"});
  }
}

TEST_CASE("webhooks: data deletion removes the user's data and answers a status URL and confirmation code",
          "[webhooks]") {
  Receiver receiver;
  store_tokens_of_two_users(receiver.dir.path);
  // Events about the user (a user-object webhook's entry id is the user's app-scoped id) and about a page.
  REQUIRE(receiver.post_signed(json{{"object", "user"},
                                    {"entry", json::array({{{"id", "1001"}, {"time", 5},
                                                            {"changes", json::array({{{"field", "email"}}})}}})}}
                                   .dump())
              ->status == 200);
  REQUIRE(receiver.post_signed(feed_event("555", 6, "page post"))->status == 200);

  auto forged = receiver.client->Post(
      "/data-deletion", httplib::Params{{"signed_request", signed_request_for("wrong secret", user_payload("1001"))}});
  REQUIRE(forged);
  CHECK(forged->status == 403);
  CHECK(receiver.stored_events() == 2);

  auto answer = receiver.client->Post(
      "/data-deletion", httplib::Params{{"signed_request", signed_request_for(kAppSecret, user_payload("1001"))}});
  REQUIRE(answer);
  REQUIRE(answer->status == 200);
  const auto body = json::parse(answer->body);
  const std::string code = body["confirmation_code"];
  CHECK(code.size() == 16);
  CHECK(code.find_first_not_of("0123456789abcdef") == std::string::npos);
  const std::string url = body["url"];
  CHECK(url == receiver.server->base_url() + "/data-deletion/status?code=" + code);
  CHECK(stored_labels(receiver.dir.path) == std::vector<std::string>{"bob"});
  CHECK(receiver.stored_events() == 1);

  auto status = receiver.client->Get(url.substr(receiver.server->base_url().size()));
  REQUIRE(status);
  CHECK(status->status == 200);
  CHECK(status->body.find(code) != std::string::npos);
  CHECK(status->body.find("Removed 2 stored access token(s) and 1 stored webhook event(s)") != std::string::npos);
  CHECK(status->body.find("1001") == std::string::npos);  // the deleted user is not named
  auto unknown = receiver.client->Get("/data-deletion/status?code=0000000000000000");
  REQUIRE(unknown);
  CHECK(unknown->status == 404);
}
