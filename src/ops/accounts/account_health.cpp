// account_health: one look at what can stop an ad account's ads, each problem with what to do about it — the account
// status and disable reason in words, balance, spent vs spending limit (exact money), the token's expiry, Meta's
// rate-limit usage from the last usage headers the GraphClient saw, and the ads in review, disapproved or with issues.
// Reads only.
#include <algorithm>
#include <map>
#include <set>

#include "auth/token_health.hpp"
#include "core/text.hpp"
#include "graph/json_fields.hpp"
#include "money/money.hpp"
#include "ops/accounts/account_ops.hpp"
#include "ops/auth/token_subject.hpp"
#include "ops/common/money_args.hpp"
#include "ops/common/shaping.hpp"
#include "tool/op_context.hpp"

namespace fbmcp::ops {
namespace {

using tool::OpContext;
using tool::OpOutput;

// disable_reason (uint; FBD/marketing-api/reference/ad-account "disable_reason": 0 NONE, 1 ADS_INTEGRITY_POLICY,
// 2 ADS_IP_REVIEW, 3 RISK_PAYMENT, 4 GRAY_ACCOUNT_SHUT_DOWN, 5 ADS_AFC_REVIEW, 6 BUSINESS_INTEGRITY_RAR,
// 7 PERMANENT_CLOSE, 8 UNUSED_RESELLER_ACCOUNT, 9 UNUSED_ACCOUNT, 10 UMBRELLA_AD_ACCOUNT,
// 11 BUSINESS_MANAGER_INTEGRITY_POLICY, 12 MISREPRESENTED_AD_ACCOUNT, 13 AOAB_DESHARE_LEGAL_ENTITY,
// 14 CTX_THREAD_REVIEW, 15 COMPROMISED_AD_ACCOUNT; Meta's own doc JSON lists 0–5, the reference page and many clients
// 0–15). The words and next steps are ours.
struct DisableReason {
  int code;
  const char* name;
  const char* words;
  const char* next;
};

constexpr DisableReason kDisableReasons[] = {
    {1, "ADS_INTEGRITY_POLICY", "disabled for not following Meta's advertising policies",
     "request a review in Account Quality (facebook.com/accountquality) if you think it is a mistake"},
    {2, "ADS_IP_REVIEW", "disabled in an intellectual-property review",
     "answer the review in Account Quality (facebook.com/accountquality)"},
    {3, "RISK_PAYMENT", "disabled because of a payment risk",
     "check the payment method in Billing & payments and settle any failed payment, then ask for a review"},
    {4, "GRAY_ACCOUNT_SHUT_DOWN", "shut down as a gray (unverified) account",
     "contact Meta support through Business Help (business.facebook.com/business/help)"},
    {5, "ADS_AFC_REVIEW", "disabled in an anti-fraud review",
     "follow the steps Meta shows in Account Quality (facebook.com/accountquality)"},
    {6, "BUSINESS_INTEGRITY_RAR", "disabled because its business portfolio broke Meta's business integrity rules",
     "request a review of the business portfolio in Account Quality"},
    {7, "PERMANENT_CLOSE", "permanently closed", "use another ad account; a permanently closed one cannot return"},
    {8, "UNUSED_RESELLER_ACCOUNT", "closed as an unused reseller account", "use another ad account"},
    {9, "UNUSED_ACCOUNT", "closed for lack of use", "use another ad account, or ask Meta support to reopen it"},
    {10, "UMBRELLA_AD_ACCOUNT", "disabled as an umbrella ad account", "contact Meta support through Business Help"},
    {11, "BUSINESS_MANAGER_INTEGRITY_POLICY", "disabled because its business portfolio broke Meta's policies",
     "request a review of the business portfolio in Account Quality"},
    {12, "MISREPRESENTED_AD_ACCOUNT", "disabled for misrepresenting who advertises",
     "request a review in Account Quality with the advertiser's real details"},
    {13, "AOAB_DESHARE_LEGAL_ENTITY", "disabled after the legal entity stopped sharing it",
     "contact the business that owns the account, or Meta support"},
    {14, "CTX_THREAD_REVIEW", "disabled in a review of its click-to-message ads",
     "follow the steps Meta shows in Account Quality"},
    {15, "COMPROMISED_AD_ACCOUNT", "disabled because it looks compromised (hacked)",
     "secure the people with access (passwords, two-factor) and follow Meta's recovery steps in Account Quality"},
};

// account_status codes (graph-api-facts.md §2; FBD/marketing-api/reference/ad-account): words and next steps.
struct StatusAdvice {
  int code;
  const char* words;
  const char* next;
};

constexpr StatusAdvice kStatusAdvice[] = {
    {2, "disabled: its ads do not run", "see the disable reason"},
    {3, "unsettled: a payment is overdue and its ads stopped",
     "pay the outstanding balance in Billing & payments (business.facebook.com/billing_hub); ads resume once paid"},
    {7, "pending a risk review by Meta: its ads may not run meanwhile",
     "nothing to do but wait; Account Quality shows progress"},
    {8, "pending settlement: a payment is being processed", "wait for the payment to clear"},
    {9, "in a grace period after a failed payment: ads still run for now",
     "update the payment method in Billing & payments before the grace period ends"},
    {100, "pending closure: it is being closed", "use another ad account"},
    {101, "closed: its ads do not run", "use another ad account, or reopen it in Ads Manager if Meta allows"},
};

const char* const kReviewStatuses[] = {"DISAPPROVED", "WITH_ISSUES", "PENDING_REVIEW"};
constexpr size_t kHealthIdsShown = 3;
constexpr size_t kHealthAdsRead = 500;
constexpr int64_t kTokenWarnDays = 7;

nlohmann::json health_problem(const std::string& area, const std::string& problem, const std::string& next,
                              const std::string& severity) {
  return {{"area", area}, {"problem", problem}, {"what_to_do", next}, {"severity", severity}};
}

std::string health_money(int64_t minor, const std::string& currency) {
  auto amount = money::to_amount(minor, currency);
  return amount ? *amount : std::to_string(minor);
}

// The token the call acts as, and when it expires; never a reason for the op to fail.
nlohmann::json health_of_token(OpContext& ctx, nlohmann::json& problems) {
  auto subject = token_subject(ctx);
  if (!subject) return {{"status", "unknown"}, {"why", subject.error().message}};
  if (subject->value.empty()) {
    return {{"source", subject->source}, {"status", "active"}, {"expires", "never"},
            {"note", "fake mode's built-in user has no token"}};
  }
  auto tokens = token_access(ctx);
  if (!tokens) return {{"source", subject->source}, {"status", "unknown"}, {"why", tokens.error().message}};
  auto app_client = (*tokens)->client_for("");
  auto facts = auth::debug_token(*app_client, (*tokens)->login().app, subject->value);
  if (!facts) {
    return {{"source", subject->source}, {"status", "unknown"},
            {"why", "debug_token could not be read: " + facts.error().message}};
  }
  const int64_t now = unix_now();
  const std::string status = auth::status_from_facts(*facts, now);
  nlohmann::json token = {{"source", subject->source}, {"status", status},
                          {"expires", core::utc_day(facts->expires_at, "never")}};
  if (!subject->label.empty()) token["label"] = subject->label;
  if (facts->expires_at > 0) token["days_left"] = auth::days_left(facts->expires_at, now);
  if (status != "active") {
    problems.push_back(health_problem("token", "the token is " + status + ": calls with it fail",
                                      "log in again (login_url, then exchange_code)", "blocking"));
  } else if (facts->expires_at > 0 && auth::days_left(facts->expires_at, now) < kTokenWarnDays) {
    problems.push_back(health_problem("token", "the token " + expiry_phrase(facts->expires_at, now),
                                      "renew it with extend_token, or log in again", "soon"));
  }
  return token;
}

core::Result<OpOutput> account_health(const nlohmann::json& args, OpContext& ctx) {
  auto act = tool::normalize_account_id(args["ad_account_id"].get<std::string>());
  if (!act) return std::unexpected(act.error());
  auto account = ctx.graph.get(
      *act, {{"fields", "id,name,currency,account_status,disable_reason,balance,amount_spent,spend_cap"}});
  if (!account) return std::unexpected(account.error());
  const auto currency = graph::read_string(*account, "currency");
  if (!currency) return std::unexpected(graph::unexpected_shape(*act, currency.error()));
  if (!*currency || (*currency)->empty()) return std::unexpected(graph::unexpected_shape(*act, "it has no `currency`"));
  const std::string cur = **currency;
  std::map<std::string, int64_t> numbers;
  for (const char* field : {"account_status", "disable_reason", "balance", "amount_spent", "spend_cap"}) {
    const auto value = graph::read_int(*account, field);
    if (!value) return std::unexpected(graph::unexpected_shape(*act, value.error()));
    numbers[field] = value->value_or(0);
  }
  const auto name_field = graph::read_string(*account, "name");
  const std::string name = name_field && *name_field ? **name_field : std::string();
  auto problems = nlohmann::json::array();

  // Status and disable reason.
  const int status = static_cast<int>(std::clamp<int64_t>(numbers["account_status"], -1, 1000));
  const int reason = static_cast<int>(std::clamp<int64_t>(numbers["disable_reason"], -1, 1000));
  nlohmann::json status_json = {{"code", status}, {"name", account_status_name(status)}};
  std::string status_words = status == 1 ? "active" : "status " + std::to_string(status);
  for (const auto& advice : kStatusAdvice) {
    if (advice.code != status) continue;
    status_words = advice.words;
    // A disabled account with a known reason is one problem, said by its reason (below).
    if (status == 2 && reason != 0) continue;
    problems.push_back(health_problem("account", std::string("the account is ") + advice.words, advice.next,
                                      status == 9 ? "soon" : "blocking"));
  }
  status_json["words"] = status_words;
  if (reason != 0) {
    nlohmann::json reason_json = {{"code", reason}, {"name", "UNKNOWN"}};
    bool known = false;
    for (const auto& r : kDisableReasons) {
      if (r.code != reason) continue;
      known = true;
      reason_json = {{"code", reason}, {"name", r.name}, {"words", r.words}};
      problems.push_back(health_problem("account", std::string("the account was ") + r.words, r.next, "blocking"));
    }
    if (!known) {
      problems.push_back(health_problem("account", "disable reason " + std::to_string(reason) + " (not one Meta documents)",
                                        "look at the account in Account Quality (facebook.com/accountquality)",
                                        "blocking"));
    }
    status_json["disable_reason"] = reason_json;
  }

  // Money, exact: Graph's minor units as decimal strings in the account currency.
  const int64_t spent = numbers["amount_spent"];
  const int64_t cap = numbers["spend_cap"];
  const int64_t balance = numbers["balance"];
  nlohmann::json money_json = {{"currency", cur}, {"balance", health_money(balance, cur)},
                               {"amount_spent", health_money(spent, cur)},
                               {"spend_cap", cap > 0 ? nlohmann::json(health_money(cap, cur)) : nlohmann::json(nullptr)}};
  if (cap > 0) {
    const int64_t left = std::max<int64_t>(0, cap - spent);
    money_json["left_before_cap"] = health_money(left, cur);
    if (left == 0) {
      problems.push_back(health_problem("spending limit",
                                        "the account has reached its spending limit of " + money_text(cap, cur) +
                                            ": Meta has stopped its ads",
                                        "raise or remove the limit with update_spending_limit (needs confirmation)",
                                        "blocking"));
    } else if (left * 10 < cap) {
      problems.push_back(health_problem("spending limit",
                                        "only " + money_text(left, cur) + " left before the spending limit of " +
                                            money_text(cap, cur),
                                        "raise the limit with update_spending_limit before ads stop", "soon"));
    }
  }

  // Which checks to run besides the account's own (all by default): a caller that needs only some saves the calls
  // of the others.
  std::set<std::string> checks = {"ads", "token", "rate_limit"};
  if (args.contains("checks")) {
    checks.clear();
    for (const auto& check : args["checks"]) checks.insert(check.get<std::string>());
  }
  OpOutput out;
  out.data = {{"account", {{"id", *act}, {"name", name}, {"status", status_json}}}, {"money", money_json}};

  // Rate-limit usage as the last response's headers reported it (the account read included), read before any other
  // call so the same calls give the same numbers.
  const auto& pacer = ctx.graph.pacer();
  const double usage = pacer.utilisation();
  if (checks.count("rate_limit")) {
    out.data["rate_limit"] = {{"highest_percent", usage}, {"by_header", pacer.snapshot()},
                              {"slows_down_at_percent", graph::RatePacer::kSlowDownAt}};
    if (usage >= graph::RatePacer::kSlowDownAt) {
      problems.push_back(health_problem("rate limit",
                                        "Meta's usage is at " + std::to_string(static_cast<int>(usage)) +
                                            "% of its limit: calls are being slowed down",
                                        "wait a few minutes before bulk changes or large reports", "soon"));
    }
  }

  // Ads in review, disapproved or with issues (effective_status filter on the account's ads edge).
  if (checks.count("ads")) {
    auto statuses = nlohmann::json::array();
    for (const char* s : kReviewStatuses) statuses.push_back(s);
    auto ads = ctx.graph.list(*act + "/ads", {{"fields", "id,effective_status"}, {"effective_status", statuses}},
                              kHealthAdsRead);
    if (!ads) return std::unexpected(ads.error());
    nlohmann::json ads_json = nlohmann::json::object();
    for (const char* s : kReviewStatuses) ads_json[s] = {{"count", 0}, {"ids", nlohmann::json::array()}};
    for (const auto& ad : ads->items) {
      const auto id = graph::read_string(ad, "id");
      const auto effective = graph::read_string(ad, "effective_status");
      if (!id || !*id || !effective || !*effective || !ads_json.contains(**effective)) continue;
      auto& entry = ads_json[**effective];
      entry["count"] = entry["count"].get<int64_t>() + 1;
      if (entry["ids"].size() < kHealthIdsShown) entry["ids"].push_back(**id);
    }
    if (ads->after) ads_json["counted_up_to"] = kHealthAdsRead;
    const auto ad_count = [&](const char* s) { return ads_json[s]["count"].get<int64_t>(); };
    const std::string more = ads->after ? " or more" : "";
    if (ad_count("DISAPPROVED") > 0) {
      problems.push_back(health_problem(
          "ads", std::to_string(ad_count("DISAPPROVED")) + more + " ad(s) disapproved: they do not run",
          "read why with get_ad (fields ad_review_feedback), fix the creative or targeting with update_ad (saving "
          "resubmits it), or request another review in Account Quality",
          "blocking"));
    }
    if (ad_count("WITH_ISSUES") > 0) {
      problems.push_back(health_problem("ads", std::to_string(ad_count("WITH_ISSUES")) + more +
                                                   " ad(s) with issues: they may not deliver",
                                        "see what is wrong with get_ad (fields issues_info) and fix it", "blocking"));
    }
    if (ad_count("PENDING_REVIEW") > 0) {
      problems.push_back(health_problem("ads", std::to_string(ad_count("PENDING_REVIEW")) + more +
                                                   " ad(s) waiting for Meta's review",
                                        "nothing to do: most reviews finish within 24 hours", "info"));
    }

    out.data["ads"] = ads_json;
  }

  if (checks.count("token")) out.data["token"] = health_of_token(ctx, problems);
  out.data["problems"] = problems;
  size_t blocking = 0;
  for (const auto& p : problems) blocking += p["severity"] == "blocking" ? 1 : 0;
  std::string text = name + " (" + *act + "): " + status_words + "; spent " + money_text(spent, cur) +
                     (cap > 0 ? " of a " + money_text(cap, cur) + " limit" : " (no spending limit)") + ".";
  if (problems.empty()) {
    text += " No problems found.";
  } else {
    text += " " + std::to_string(problems.size()) + " problem(s)" +
            (blocking ? " (" + std::to_string(blocking) + " stopping ads)" : std::string()) + ":";
    for (const auto& p : problems) {
      text += "\n- " + p["problem"].get<std::string>() + " → " + p["what_to_do"].get<std::string>();
    }
  }
  out.summary = text;
  return out;
}

}  // namespace

void register_account_health_op(tool::OpRegistry& registry) {
  registry.add({"account_health", "accounts",
                "What can stop an ad account's ads, each with what to do: status and disable reason in words, "
                "balance, spent vs spending limit, token expiry, rate-limit usage, ads disapproved or in review",
                tool::Effect::Read, true, account_health, {}});
}

}  // namespace fbmcp::ops
