// The emulator's Facebook Login (src/fake/oauth/): dialog → code → short-lived token → long-lived token, debug_token,
// revoking the app, and strict tokens refused with Graph's 190 subcodes.
#include <catch2/catch.hpp>

#include "fake/graph_emulator.hpp"
#include "graph/form_encoding.hpp"
#include "graph/graph_time.hpp"

using namespace fbmcp;
using nlohmann::json;

namespace {

constexpr const char* kRedirect = "http://127.0.0.1:8765/callback";

struct LoginWorld {
  std::string clock = "2026-11-23T12:00:00+0000";
  std::shared_ptr<fake::GraphEmulator> emulator;
  LoginWorld() {
    auto world = fake::load_world(fake::embedded_fixture_reader());
    REQUIRE(world);
    fake::EmulatorOptions options;
    options.now = [this] { return clock; };
    emulator = std::make_shared<fake::GraphEmulator>(std::move(*world), options);
  }
  fake::ParamMap client() const {
    return {{"client_id", emulator->oauth_app().id}, {"client_secret", emulator->oauth_app().secret}};
  }
  // The query of the dialog's redirect, decoded.
  std::map<std::string, std::string> consent(const std::string& state, const std::string& decision = "") {
    fake::ParamMap params = {{"client_id", emulator->oauth_app().id}, {"redirect_uri", kRedirect},
                             {"state", state}, {"scope", "ads_management,ads_read"}, {"response_type", "code"}};
    if (!decision.empty()) params["fake_consent"] = decision;
    auto redirect = emulator->oauth_dialog(params);
    REQUIRE(redirect);
    REQUIRE(redirect->rfind(std::string(kRedirect) + "?", 0) == 0);
    return graph::form_decode(redirect->substr(std::string(kRedirect).size() + 1));
  }
  json call(const std::string& method, const std::string& path, const fake::ParamMap& params, int* status = nullptr) {
    auto response = emulator->handle(method, path, params);
    if (status) *status = response.status;
    return json::parse(response.body);
  }
  json exchange(const std::string& code, int* status = nullptr, const std::string& redirect = kRedirect) {
    auto params = client();
    params["code"] = code;
    params["redirect_uri"] = redirect;
    return call("GET", "/v24.0/oauth/access_token", params, status);
  }
};

}  // namespace

TEST_CASE("login: the dialog's code becomes a short-lived token, then a long-lived one", "[fake][oauth]") {
  LoginWorld w;
  auto query = w.consent("state-123");
  CHECK(query["state"] == "state-123");
  REQUIRE(query.count("code"));
  int status = 0;
  auto short_lived = w.exchange(query["code"], &status);
  REQUIRE(status == 200);
  CHECK(short_lived["token_type"] == "bearer");
  CHECK(short_lived["expires_in"] == 7200);
  const std::string token = short_lived["access_token"];

  // The code is single use: code 100, subcode 36009.
  auto reused = w.exchange(query["code"], &status);
  CHECK(status == 400);
  CHECK(reused["error"]["code"] == 100);
  CHECK(reused["error"]["error_subcode"] == 36009);

  auto params = w.client();
  params["grant_type"] = "fb_exchange_token";
  params["fb_exchange_token"] = token;
  auto long_lived = w.call("GET", "oauth/access_token", params, &status);
  REQUIRE(status == 200);
  CHECK(long_lived["expires_in"] == 5183944);

  auto debug = w.call("GET", "debug_token", {{"input_token", long_lived["access_token"]}, {"access_token", "app"}});
  CHECK(debug["data"]["is_valid"] == true);
  CHECK(debug["data"]["app_id"] == w.emulator->oauth_app().id);
  CHECK(debug["data"]["scopes"] == json({"ads_management", "ads_read"}));
  CHECK(debug["data"]["user_id"] == json::parse(w.emulator->handle("GET", "me", {{"fields", "id"}}).body)["id"]);
  const auto issued = graph::parse_graph_time(w.clock);
  REQUIRE(issued);
  CHECK(debug["data"]["expires_at"] == *issued + 5183944);
}

TEST_CASE("login: what Graph refuses in the code exchange", "[fake][oauth]") {
  LoginWorld w;
  int status = 0;
  auto mismatch = w.exchange(w.consent("s")["code"], &status, "http://127.0.0.1:9999/other");
  CHECK(status == 400);
  CHECK(mismatch["error"]["code"] == 100);
  CHECK(mismatch["error"]["message"].get<std::string>().find("redirect_uri is identical") != std::string::npos);
  CHECK(w.exchange("not-a-code", &status)["error"]["message"] == "Invalid verification code format.");

  auto params = w.client();
  params["client_secret"] = "wrong";
  params["code"] = w.consent("s")["code"];
  params["redirect_uri"] = kRedirect;
  CHECK(w.call("GET", "oauth/access_token", params)["error"]["code"] == 1);
  params = w.client();
  params["client_id"] = "1";
  params["code"] = "x";
  CHECK(w.call("GET", "oauth/access_token", params)["error"]["code"] == 101);

  auto denied = w.consent("s2", "deny");
  CHECK(denied["error"] == "access_denied");
  CHECK(denied["error_reason"] == "user_denied");
  CHECK(denied["state"] == "s2");
  CHECK_FALSE(denied.count("code"));
  CHECK_FALSE(w.emulator->oauth_dialog({{"client_id", "1"}, {"redirect_uri", kRedirect}}));
  CHECK_FALSE(w.emulator->oauth_dialog({{"client_id", w.emulator->oauth_app().id}, {"redirect_uri", "file:///x"}}));
}

TEST_CASE("strict tokens: unknown, expired and revoked tokens get Graph's 190 answers", "[fake][oauth]") {
  LoginWorld w;
  w.emulator->require_known_tokens(true);
  int status = 0;
  auto unknown = w.call("GET", "me", {{"access_token", "EAAG-never-issued"}}, &status);
  CHECK(status == 400);
  CHECK(unknown["error"]["code"] == 190);

  const std::string token = w.exchange(w.consent("s")["code"])["access_token"];
  CHECK(w.call("GET", "me", {{"access_token", token}, {"fields", "id"}}, &status).contains("id"));
  CHECK(status == 200);

  w.clock = "2026-11-23T14:00:01+0000";  // past the short-lived token's two hours
  auto expired = w.call("GET", "me", {{"access_token", token}}, &status);
  CHECK(expired["error"]["code"] == 190);
  CHECK(expired["error"]["error_subcode"] == 463);
  // Graph's wording, times in Pacific time (blynkkk/blynk-server#435, staciax/valorant-discord-bot#105).
  CHECK(expired["error"]["message"] ==
        "Error validating access token: Session has expired on Monday, 23-Nov-26 06:00:00 PST. The current time is "
        "Monday, 23-Nov-26 06:00:01 PST.");
  // debug_token is asked with the app's token, and says the user token is no longer valid.
  const std::string app_token = w.emulator->oauth_app().id + "|" + w.emulator->oauth_app().secret;
  auto debug = w.call("GET", "debug_token", {{"input_token", token}, {"access_token", app_token}}, &status);
  CHECK(status == 200);
  CHECK(debug["data"]["is_valid"] == false);

  const std::string fresh = w.exchange(w.consent("s3")["code"])["access_token"];
  CHECK(w.call("DELETE", "me/permissions", {{"access_token", fresh}})["success"] == true);
  auto revoked = w.call("GET", "me", {{"access_token", fresh}}, &status);
  CHECK(revoked["error"]["code"] == 190);
  CHECK(revoked["error"]["error_subcode"] == 458);
}

TEST_CASE("strict tokens: an expired session is dated in Pacific daylight time in summer", "[fake][oauth]") {
  LoginWorld w;
  w.clock = "2026-07-01T12:00:00+0000";
  w.emulator->require_known_tokens(true);
  const std::string token = w.exchange(w.consent("summer")["code"])["access_token"];
  w.clock = "2026-07-02T08:30:00+0000";
  int status = 0;
  auto expired = w.call("GET", "me", {{"access_token", token}}, &status);
  CHECK(status == 400);
  CHECK(expired["error"]["error_subcode"] == 463);
  CHECK(expired["error"]["message"] ==
        "Error validating access token: Session has expired on Wednesday, 01-Jul-26 07:00:00 PDT. The current time "
        "is Thursday, 02-Jul-26 01:30:00 PDT.");
}
