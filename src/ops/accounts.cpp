// Ad accounts: list_ad_accounts, get_ad_account_info.
#include "ops/all_ops.hpp"
#include "ops/shaping.hpp"
#include "tool/op_context.hpp"

namespace fbmcp::ops {
namespace {

using tool::OpContext;
using tool::OpOutput;

const std::vector<std::string> kAccountMoney = {"amount_spent", "balance", "spend_cap", "min_daily_budget"};

nlohmann::json shape_account(nlohmann::json account) {
  const auto currency = account.value("currency", "");
  if (account.contains("account_status")) {
    account["account_status_name"] = account_status_name(account["account_status"].get<int>());
  }
  if (!currency.empty()) shape_money(account, kAccountMoney, currency);
  return account;
}

core::Result<OpOutput> list_ad_accounts(const nlohmann::json& args, OpContext& ctx) {
  const auto limit = args.value("limit", 50);
  graph::Params params{{"fields", field_list({"id", "account_id", "name", "currency", "account_status",
                                              "amount_spent", "spend_cap", "timezone_name", "business"},
                                             args)}};
  if (args.contains("after")) params.set("after", args["after"]);
  auto page = ctx.graph.list("me/adaccounts", params, static_cast<size_t>(limit));
  if (!page) return std::unexpected(page.error());
  auto items = nlohmann::json::array();
  for (auto& account : page->items) items.push_back(shape_account(std::move(account)));
  OpOutput out;
  out.summary = std::to_string(items.size()) + " ad account(s)" + (page->after ? " (more available)" : "") + ":";
  out.data = {{"items", items}, {"count", items.size()}};
  if (page->after) out.paging = nlohmann::json{{"after", *page->after}, {"has_more", true}};
  out.table_columns = {"id", "name", "currency", "account_status_name", "amount_spent"};
  return out;
}

core::Result<OpOutput> get_ad_account_info(const nlohmann::json& args, OpContext& ctx) {
  auto id = tool::normalize_account_id(args["ad_account_id"].get<std::string>());
  if (!id) return std::unexpected(id.error());
  auto account = ctx.graph.get(
      *id, {{"fields", field_list({"id", "account_id", "name", "currency", "account_status", "disable_reason",
                                   "amount_spent", "balance", "spend_cap", "min_daily_budget", "timezone_name",
                                   "timezone_offset_hours_utc", "business", "created_time"},
                                  args)}});
  if (!account) return std::unexpected(account.error());
  auto shaped = shape_account(std::move(*account));
  OpOutput out;
  out.summary = shaped.value("name", "") + " (" + *id + ")\n" + tool::render_fields(shaped);
  out.data = {{"account", shaped}};
  if (shaped.value("account_status", 1) != 1) {
    out.warnings.push_back("this account is " + shaped.value("account_status_name", "") +
                           ": ads in it do not deliver until that is resolved in Ads Manager");
  }
  return out;
}

}  // namespace

void register_account_ops(tool::OpRegistry& registry) {
  registry.add({"list_ad_accounts", "accounts", "List the ad accounts the token can use, with currency and status",
                tool::Effect::Read, true, list_ad_accounts, {}});
  registry.add({"get_ad_account_info", "accounts",
                "One ad account: currency, status, spend, balance, spend cap, time zone, business",
                tool::Effect::Read, true, get_ad_account_info, {}});
}

}  // namespace fbmcp::ops
