// update_spending_limit: the ad account's spend cap (`spend_cap` on /act_<id>). Graph reads it in minor units and
// takes it "in basic unit of the currency" on writes (a float: PHP/Python SDK AdAccount update param types;
// FBD/marketing-api/reference/ad-account, "Updating"); 0 means no cap (graph-api-facts.md §2). Raising or removing
// the cap lets the account spend more, so it needs confirmation; lowering it to or below what the account has spent
// is refused. Meta allows 10 spending-limit changes per account per day (code 17, subcode 1885172,
// FBD/marketing-api/overview/rate-limiting "Ad Account Level Ad Spend Rate Limits"); the op says so in words.
#include <algorithm>

#include "graph/json_fields.hpp"
#include "graph/response_decoding.hpp"
#include "money/money.hpp"
#include "ops/accounts/account_ops.hpp"
#include "ops/common/money_args.hpp"
#include "tool/op_context.hpp"

namespace fbmcp::ops {
namespace {

using tool::OpContext;
using tool::OpOutput;

constexpr int kSpendCapThrottleCode = 17;
constexpr int kSpendCapThrottleSubcode = 1885172;

struct SpendCapPlan {
  std::string act_id;
  std::string name;
  std::string currency;
  int64_t spent = 0;   // amount_spent, minor units
  int64_t before = 0;  // spend_cap now, 0 = none
  int64_t after = 0;   // the cap asked for, 0 = none
};

core::Result<int64_t> account_money(const nlohmann::json& account, const char* field, const std::string& what) {
  const auto value = graph::read_int(account, field);
  if (!value) return std::unexpected(graph::unexpected_shape(what, value.error()));
  return value->value_or(0);
}

std::string cap_text(int64_t minor, const std::string& currency) {
  return minor == 0 ? std::string("no limit") : money_text(minor, currency);
}

core::Result<SpendCapPlan> plan_spend_cap(const nlohmann::json& args, OpContext& ctx) {
  auto act = tool::normalize_account_id(args["ad_account_id"].get<std::string>());
  if (!act) return std::unexpected(act.error());
  auto account = ctx.graph.get(*act, {{"fields", "id,name,currency,account_status,amount_spent,spend_cap"}});
  if (!account) return std::unexpected(account.error());
  SpendCapPlan plan;
  plan.act_id = *act;
  const auto currency = graph::read_string(*account, "currency");
  if (!currency) return std::unexpected(graph::unexpected_shape(*act, currency.error()));
  if (!*currency || (*currency)->empty()) return std::unexpected(graph::unexpected_shape(*act, "it has no `currency`"));
  plan.currency = **currency;
  const auto name = graph::read_string(*account, "name");
  plan.name = name && *name ? **name : std::string();
  auto spent = account_money(*account, "amount_spent", *act);
  if (!spent) return std::unexpected(spent.error());
  auto before = account_money(*account, "spend_cap", *act);
  if (!before) return std::unexpected(before.error());
  plan.spent = *spent;
  plan.before = *before;
  auto after = money::parse_money_arg(args["spend_cap"], plan.currency, "args.spend_cap");
  if (!after) return std::unexpected(after.error());
  plan.after = *after;
  if (plan.after > 0 && plan.after <= plan.spent) {
    // Ads Manager refuses a limit at or below the amount spent; Meta's API error for it is not documented, so the op
    // refuses before asking (a limit the account has already reached would stop every ad at once).
    return std::unexpected(invalid_args(
        "a spending limit of " + money_text(plan.after, plan.currency) + " is not more than the " +
            money_text(plan.spent, plan.currency) + " this account has already spent",
        "give a limit above " + money_text(plan.spent, plan.currency) +
            " (the account can then spend the difference), or 0 to remove the limit",
        "args.spend_cap"));
  }
  return plan;
}

core::Result<std::optional<tool::ChangePreview>> confirm_spend_cap(const nlohmann::json& args, OpContext& ctx) {
  auto plan = plan_spend_cap(args, ctx);
  if (!plan) return std::unexpected(plan.error());
  const bool removes = plan->after == 0 && plan->before != 0;
  const bool raises = plan->before != 0 && plan->after > plan->before;
  if (!removes && !raises) return std::nullopt;  // setting a first limit or lowering one only restricts spend
  const std::string account = "'" + plan->name + "' (" + plan->act_id + ")";
  const std::string question =
      removes ? "Remove the spending limit of " + money_text(plan->before, plan->currency) + " on ad account " +
                    account + "? Without it nothing at account level stops the ads (" +
                    money_text(plan->spent, plan->currency) + " spent so far)."
              : "Raise the spending limit of ad account " + account + " from " +
                    money_text(plan->before, plan->currency) + " to " + money_text(plan->after, plan->currency) +
                    "? The account can then spend " + money_text(plan->after - plan->spent, plan->currency) +
                    " more before Meta stops its ads.";
  return tool::ChangePreview{question,
                             {{"ad_account_id", plan->act_id},
                              {"name", plan->name},
                              {"spend_cap", {{"before", money::money_view(std::to_string(plan->before), plan->currency)},
                                             {"after", money::money_view(std::to_string(plan->after), plan->currency)}}},
                              {"amount_spent", money::money_view(std::to_string(plan->spent), plan->currency)}}};
}

core::Error spend_cap_throttle_error(core::Error error) {
  error.kind = core::ErrorKind::RateLimited;
  error.message = "Meta allows only 10 changes to an ad account's spending limit per day, and this account has had "
                  "them today; nothing was changed";
  error.hint = "try again tomorrow (Meta does not say when its day starts; waiting 24 hours is safe). The same limit "
               "applies in Ads Manager, so changing it there will not work either";
  error.detail = nlohmann::json{{"changes_per_day", 10}};
  return error;
}

core::Result<OpOutput> update_spending_limit(const nlohmann::json& args, OpContext& ctx) {
  auto plan = plan_spend_cap(args, ctx);
  if (!plan) return std::unexpected(plan.error());
  const std::string& currency = plan->currency;
  const auto view = [&](int64_t minor) { return money::money_view(std::to_string(minor), currency); };
  const nlohmann::json account = {{"id", plan->act_id}, {"name", plan->name}, {"currency", currency}};
  OpOutput out;
  if (plan->after == plan->before) {
    out.data = {{"account", account}, {"spend_cap", view(plan->before)}, {"amount_spent", view(plan->spent)},
                {"changes", nlohmann::json::object()}};
    out.summary = "The spending limit of " + plan->act_id + " is already " + cap_text(plan->before, currency) +
                  "; nothing to do.";
    return out;
  }
  auto amount = account_spend_cap_param(plan->after, currency);
  if (!amount) return std::unexpected(amount.error());
  const nlohmann::json change = {{"before", view(plan->before)}, {"after", view(plan->after)}};
  if (args.value("dry_run", false)) {
    // The ad account update takes no validate_only (it is not among the objects graph-api-facts.md §8 lists): the
    // dry run checks what the op checks and says what it would send.
    out.data = {{"dry_run", true}, {"account", account}, {"would_send", {{"spend_cap", *amount}}},
                {"changes", {{"spend_cap", change}}}, {"amount_spent", view(plan->spent)}};
    out.summary = "Dry run: would change the spending limit of " + plan->act_id + " from " +
                  cap_text(plan->before, currency) + " to " + cap_text(plan->after, currency) + "; nothing changed.";
    return out;
  }
  // Sent once: every change counts toward Meta's 10 a day, so a lost answer is read back, not re-sent.
  auto sent = ctx.graph.post(plan->act_id, {{"spend_cap", *amount}});
  if (!sent) {
    const auto& e = sent.error();
    if (e.graph && e.graph->code == kSpendCapThrottleCode && e.graph->error_subcode == kSpendCapThrottleSubcode) {
      return std::unexpected(spend_cap_throttle_error(e));
    }
    return std::unexpected(e);
  }
  if (auto ok = graph::expect_success(*sent, plan->act_id); !ok) return std::unexpected(ok.error());
  // Journaled in Graph's terms (spend_cap as the node reads it: minor units).
  out.change = store::ChangeSet{{store::ChangeItem{"account", plan->act_id, plan->act_id, "update",
                                                   {{"spend_cap", {{"before", std::to_string(plan->before)},
                                                                   {"after", std::to_string(plan->after)}}}}}}};
  auto after = ctx.graph.get(plan->act_id, {{"fields", "spend_cap,amount_spent"}});
  auto now_cap = after ? account_money(*after, "spend_cap", plan->act_id) : core::Result<int64_t>(std::unexpected(after.error()));
  if (!now_cap) {
    // The change was made; only reading it back failed. Say so rather than an error that hides a real change.
    out.data = {{"account", account}, {"changes", {{"spend_cap", {{"before", view(plan->before)}, {"after", view(plan->after)}}}}}};
    out.summary = "Spending limit of " + plan->act_id + " set to " + cap_text(plan->after, currency) +
                  ", but reading it back failed: " + now_cap.error().message;
    return out;
  }
  out.data = {{"account", account},
              {"changes", {{"spend_cap", {{"before", view(plan->before)}, {"after", view(*now_cap)}}}}},
              {"amount_spent", view(plan->spent)}};
  if (*now_cap > 0) out.data["can_still_spend"] = view(std::max<int64_t>(0, *now_cap - plan->spent));
  out.summary = "Spending limit of " + plan->act_id + " '" + plan->name + "': " + cap_text(plan->before, currency) +
                " → " + cap_text(*now_cap, currency) + " (" + money_text(plan->spent, currency) + " spent" +
                (*now_cap > 0 ? ", " + money_text(std::max<int64_t>(0, *now_cap - plan->spent), currency) + " left" : "") +
                ").";
  if (*now_cap != plan->after) {
    out.warnings.push_back("Meta reports the limit as " + cap_text(*now_cap, currency) + ", not the " +
                           cap_text(plan->after, currency) + " asked for");
  }
  out.warnings.push_back("Meta allows 10 spending-limit changes per ad account per day");
  return out;
}

}  // namespace

void register_spending_limit_op(tool::OpRegistry& registry) {
  registry.add({"update_spending_limit", "accounts",
                "Set, raise, lower or remove (0) an ad account's spending limit; raising or removing it needs "
                "confirmation; Meta allows 10 changes a day",
                tool::Effect::Spend, true, update_spending_limit, confirm_spend_cap});
}

}  // namespace fbmcp::ops
