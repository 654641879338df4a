#include <catch2/catch.hpp>

#include "support/fake_services.hpp"

using namespace fbmcp;
using nlohmann::json;
using testing::call;

namespace {

std::string account_in(app::Services& s, const std::string& currency) {
  auto r = call(s, "list_ad_accounts", {{"limit", 100}});
  for (const auto& a : r.structured["data"]["items"]) {
    if (a["currency"] == currency && a["account_status_name"] == "ACTIVE") return a["id"];
  }
  FAIL("no active account in " << currency);
  return {};
}

std::string campaign_with_status(app::Services& s, const std::string& act, const std::string& status) {
  auto r = call(s, "list_campaigns", {{"ad_account_id", act}, {"configured_status", {status}}, {"limit", 1}});
  REQUIRE(r.structured["data"]["items"].size() == 1);
  return r.structured["data"]["items"][0]["id"];
}

}  // namespace

TEST_CASE("an unknown op suggests close names", "[router]") {
  auto s = testing::fake_services();
  auto r = call(*s, "list_campaign");
  CHECK(r.is_error);
  CHECK(r.structured["error"]["kind"] == "UnknownOp");
  CHECK(r.structured["error"]["detail"]["did_you_mean"][0] == "list_campaigns");
}

TEST_CASE("invalid args name the path, what was expected and an example", "[router][schema]") {
  auto s = testing::fake_services();
  auto r = call(*s, "list_campaigns", {{"ad_account_id", "act_1"}, {"effective_status", {"RUNNING"}}});
  REQUIRE(r.is_error);
  const auto& e = r.structured["error"];
  CHECK(e["kind"] == "InvalidArgs");
  CHECK(e["path"] == "args.effective_status[0]");
  CHECK(e["message"].get<std::string>().find("\"ACTIVE\"") != std::string::npos);
  CHECK(e["detail"].contains("example"));
  auto missing = call(*s, "get_campaign", json::object());
  REQUIRE(missing.is_error);
  CHECK(missing.structured["error"]["message"].get<std::string>().find("campaign_id") != std::string::npos);
  auto extra = call(*s, "get_campaign", {{"campaign_id", "1"}, {"campaign", "x"}});
  CHECK(extra.is_error);
}

TEST_CASE("envelope errors are tool errors, not crashes", "[router]") {
  auto s = testing::fake_services();
  CHECK(s->router->call(json::object(), {}).is_error);
  CHECK(s->router->call({{"op", "help"}, {"args", "x"}}, {}).is_error);
  auto help = s->router->call({{"op", "help"}}, {});
  CHECK_FALSE(help.is_error);
  CHECK(help.text.find("list_campaigns") != std::string::npos);
  auto describe = call(*s, "describe", {{"op", "create_campaign"}});
  CHECK(describe.structured["data"]["effect"] == "write");
  CHECK(describe.structured["data"]["args"].contains("dry_run"));
  // Money is one shared type, explained once, not a oneOf per budget field.
  CHECK(describe.structured["data"]["args"]["daily_budget"].get<std::string>().starts_with("money — "));
  CHECK(describe.structured["data"]["types"]["money"].get<std::string>().find("minor_units") != std::string::npos);
  auto full = call(*s, "describe", {{"op", "create_campaign"}, {"json_schema", true}});
  CHECK(full.structured["data"]["args_schema"]["properties"]["daily_budget"].contains("oneOf"));
}

TEST_CASE("create_campaign: PAUSED by default, exact money, no silent budget", "[router][money]") {
  auto s = testing::fake_services();
  const auto jpy = account_in(*s, "JPY");
  auto r = call(*s, "create_campaign", {{"ad_account_id", jpy}, {"name", "円テスト"}, {"objective", "OUTCOME_TRAFFIC"},
                                        {"special_ad_categories", json::array()}, {"daily_budget", {{"amount", "3000"}}}});
  REQUIRE_FALSE(r.is_error);
  const auto& c = r.structured["data"]["campaign"];
  CHECK(c["status"] == "PAUSED");
  CHECK(c["daily_budget"] == "3000");  // compact money: JPY has no decimals
  CHECK(c["currency"] == "JPY");

  const auto usd = account_in(*s, "USD");
  auto usd_r = call(*s, "create_campaign", {{"ad_account_id", usd}, {"name", "USD"}, {"objective", "OUTCOME_SALES"},
                                            {"special_ad_categories", json::array()}, {"daily_budget", "25.00"}});
  CHECK(usd_r.structured["data"]["campaign"]["daily_budget"] == "25.00");
  auto detailed = call(*s, "get_campaign", {{"campaign_id", usd_r.structured["data"]["id"]}, {"with_minor_units", true}});
  CHECK(detailed.structured["data"]["campaign"]["daily_budget"] == json{{"amount", "25.00"}, {"minor_units", "2500"}});

  auto no_budget = call(*s, "create_campaign", {{"ad_account_id", usd}, {"name", "x"}, {"objective", "OUTCOME_SALES"},
                                                {"special_ad_categories", json::array()}});
  REQUIRE(no_budget.is_error);
  CHECK(no_budget.structured["error"]["message"].get<std::string>().find("no budget") != std::string::npos);
  auto cents = call(*s, "create_campaign", {{"ad_account_id", jpy}, {"name", "x"}, {"objective", "OUTCOME_SALES"},
                                            {"special_ad_categories", json::array()}, {"daily_budget", "30.50"}});
  CHECK(cents.is_error);
}

TEST_CASE("dry_run validates through Graph and changes nothing", "[router][dry_run]") {
  auto s = testing::fake_services();
  const auto usd = account_in(*s, "USD");
  const auto before = s->emulator->count("campaign");
  auto r = call(*s, "create_campaign", {{"ad_account_id", usd}, {"name", "dry"}, {"objective", "OUTCOME_SALES"},
                                        {"special_ad_categories", json::array()}, {"daily_budget", "25.00"},
                                        {"dry_run", true}});
  CHECK_FALSE(r.is_error);
  CHECK(r.structured["data"]["dry_run"] == true);
  CHECK(s->emulator->count("campaign") == before);
}

TEST_CASE("resume_campaign needs confirmation: preview with a token first, the token acts", "[router][spend]") {
  auto s = testing::fake_services();
  const auto usd = account_in(*s, "USD");
  const auto paused = campaign_with_status(*s, usd, "PAUSED");
  auto first = call(*s, "resume_campaign", {{"campaign_id", paused}});
  CHECK_FALSE(first.is_error);
  CHECK(first.structured["ok"] == false);
  CHECK(first.structured["needs_confirmation"] == true);
  CHECK(call(*s, "get_campaign", {{"campaign_id", paused}}).structured["data"]["campaign"]["status"] == "PAUSED");
  const std::string token = first.structured["data"]["confirmation_token"];
  CHECK(first.structured["next"]["args"]["confirm"] == token);
  CHECK(first.structured["next"]["ask_user"].get<std::string>().find("Activate") != std::string::npos);
  CHECK(first.text.find(token) != std::string::npos);
  auto second = call(*s, "resume_campaign", {{"campaign_id", paused}, {"confirm", token}});
  CHECK(second.structured["ok"] == true);
  CHECK(call(*s, "get_campaign", {{"campaign_id", paused}}).structured["data"]["campaign"]["status"] == "ACTIVE");
}

TEST_CASE("confirm:true alone, a token for other args, a forged or an expired token never act", "[router][spend]") {
  auto s = testing::fake_services();
  const auto usd = account_in(*s, "USD");
  const auto paused = campaign_with_status(*s, usd, "PAUSED");
  auto status = [&] {
    return call(*s, "get_campaign", {{"campaign_id", paused}}).structured["data"]["campaign"]["status"];
  };
  // true without a token: the preview again, saying true is not enough.
  auto bare = call(*s, "resume_campaign", {{"campaign_id", paused}, {"confirm", true}});
  CHECK(bare.structured["needs_confirmation"] == true);
  CHECK(bare.text.find("not enough") != std::string::npos);
  CHECK(status() == "PAUSED");
  // A token issued for another campaign.
  const auto other = campaign_with_status(*s, account_in(*s, "EUR"), "PAUSED");
  const std::string other_token =
      call(*s, "resume_campaign", {{"campaign_id", other}}).structured["data"]["confirmation_token"];
  auto wrong = call(*s, "resume_campaign", {{"campaign_id", paused}, {"confirm", other_token}});
  REQUIRE(wrong.is_error);
  CHECK(wrong.structured["error"]["path"] == "args.confirm");
  CHECK(wrong.structured["error"]["message"].get<std::string>().find("another change") != std::string::npos);
  // A token for the same campaign but another op.
  const std::string delete_token =
      call(*s, "delete_campaign", {{"campaign_id", paused}}).structured["data"]["confirmation_token"];
  CHECK(call(*s, "resume_campaign", {{"campaign_id", paused}, {"confirm", delete_token}}).is_error);
  // Made up, or with its expiry edited by hand.
  CHECK(call(*s, "resume_campaign", {{"campaign_id", paused}, {"confirm", "yes please"}}).is_error);
  std::string edited = call(*s, "resume_campaign", {{"campaign_id", paused}}).structured["data"]["confirmation_token"];
  edited[0] = edited[0] == '9' ? '8' : '9';
  auto forged = call(*s, "resume_campaign", {{"campaign_id", paused}, {"confirm", edited}});
  CHECK(forged.structured["error"]["message"].get<std::string>().find("another change") != std::string::npos);
  CHECK(status() == "PAUSED");
}

TEST_CASE("confirmation tokens expire after 10 minutes", "[router][spend]") {
  tool::ConfirmationSigner signer;
  const json args = {{"campaign_id", "1"}};
  const auto issued = tool::ConfirmationSigner::Clock::now() - std::chrono::minutes(11);
  const auto token = signer.issue("resume_campaign", args, issued);
  CHECK(signer.verify(token, "resume_campaign", args) == tool::TokenCheck::Expired);
  CHECK(signer.verify(token, "resume_campaign", args, issued + std::chrono::minutes(9)) == tool::TokenCheck::Valid);
  // `confirm` itself is not part of what a token binds.
  CHECK(signer.verify(token, "resume_campaign", {{"campaign_id", "1"}, {"confirm", token}},
                      issued + std::chrono::minutes(1)) == tool::TokenCheck::Valid);
  CHECK(tool::ConfirmationSigner().verify(token, "resume_campaign", args, issued) == tool::TokenCheck::Mismatch);
}

TEST_CASE("elicitation answers decide spend ops", "[router][spend]") {
  auto s = testing::fake_services();
  const auto usd = account_in(*s, "USD");
  const auto paused = campaign_with_status(*s, usd, "PAUSED");
  tool::CallEnv declining;
  declining.confirm = [](const tool::ChangePreview&) { return tool::ConfirmAnswer::Declined; };
  auto declined = s->router->call({{"op", "resume_campaign"}, {"args", {{"campaign_id", paused}, {"confirm", true}}}}, declining);
  CHECK(declined.structured["data"]["status"] == "declined");
  CHECK(call(*s, "get_campaign", {{"campaign_id", paused}}).structured["data"]["campaign"]["status"] == "PAUSED");
  tool::CallEnv accepting;
  std::string asked;
  accepting.confirm = [&](const tool::ChangePreview& p) {
    asked = p.question;
    return tool::ConfirmAnswer::Accepted;
  };
  auto accepted = s->router->call({{"op", "resume_campaign"}, {"args", {{"campaign_id", paused}}}}, accepting);
  CHECK(accepted.structured["ok"] == true);
  CHECK(asked.find("Activate") != std::string::npos);
}

TEST_CASE("raising a budget needs confirmation, lowering does not", "[router][spend]") {
  auto s = testing::fake_services();
  const auto usd = account_in(*s, "USD");
  auto created = call(*s, "create_campaign", {{"ad_account_id", usd}, {"name", "b"}, {"objective", "OUTCOME_SALES"},
                                              {"special_ad_categories", json::array()}, {"daily_budget", "20.00"}});
  const std::string id = created.structured["data"]["id"];
  auto up = call(*s, "update_campaign", {{"campaign_id", id}, {"daily_budget", "30.00"}});
  CHECK(up.structured["needs_confirmation"] == true);
  CHECK(up.structured["data"]["preview"]["daily_budget"]["after"] == "30.00");
  auto down = call(*s, "update_campaign", {{"campaign_id", id}, {"daily_budget", "10.00"}});
  CHECK(down.structured["ok"] == true);
  CHECK(down.structured["data"]["changes"]["daily_budget"]["after"] == "10.00");
}

TEST_CASE("Graph errors keep Graph's fields and say what to do", "[router][errors]") {
  auto s = testing::fake_services();
  auto r = call(*s, "get_campaign", {{"campaign_id", "999999999999"}});
  REQUIRE(r.is_error);
  CHECK(r.structured["error"]["kind"] == "NotFound");
  CHECK(r.structured["error"]["graph"]["code"] == 100);
  CHECK(r.structured["error"]["graph"]["error_subcode"] == 33);
  CHECK(r.structured["error"].contains("hint"));
  CHECK(r.text.find("fbtrace_id") != std::string::npos);
}

TEST_CASE("every result says the mode", "[router]") {
  auto s = testing::fake_services();
  auto r = call(*s, "list_ad_accounts");
  CHECK(r.structured["mode"] == "fake");
  CHECK(r.text.find("fake mode") != std::string::npos);
}

