// Ad accounts: list_ad_accounts, get_ad_account_info.
#include <algorithm>

#include "graph/json_fields.hpp"
#include "ops/accounts/account_ops.hpp"
#include "ops/all_ops.hpp"
#include "ops/common/shaping.hpp"
#include "tool/op_context.hpp"

namespace fbmcp::ops {
namespace {

using tool::OpContext;
using tool::OpOutput;

const std::vector<std::string> kAccountMoney = {"amount_spent", "balance", "spend_cap", "min_daily_budget"};

// The fields read here have Graph's documented types, or the answer is an unexpected shape naming the field.
core::Result<nlohmann::json> shape_account(nlohmann::json account, std::string_view what, money::MoneyForm form) {
  const auto currency = graph::read_string(account, "currency");
  if (!currency) return std::unexpected(graph::unexpected_shape(what, currency.error()));
  const auto name = graph::read_string(account, "name");
  if (!name) return std::unexpected(graph::unexpected_shape(what, name.error()));
  const auto status = graph::read_int(account, "account_status");
  if (!status) return std::unexpected(graph::unexpected_shape(what, status.error()));
  if (*status) {
    account["account_status"] = **status;  // Graph documents a number; "1" is read as 1
    account["account_status_name"] = account_status_name(static_cast<int>(std::clamp<int64_t>(**status, -1, 1000)));
  }
  if (*currency && !(*currency)->empty()) shape_money(account, kAccountMoney, **currency, form);
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
  for (auto& account : page->items) {
    auto shaped = shape_account(std::move(account), "me/adaccounts", money_form(args));
    if (!shaped) return std::unexpected(shaped.error());
    // Lean rows: `id` is act_<account_id>, and account_status_name says what the numeric code does.
    lean_row(*shaped, args, {"account_id", "account_status"});
    items.push_back(std::move(*shaped));
  }
  OpOutput out;
  out.summary = std::to_string(items.size()) + " ad account(s)" + (page->after ? " (more available)" : "") + ":";
  out.data = {{"items", items}, {"count", items.size()}};
  if (page->after) out.paging = nlohmann::json{{"after", *page->after}, {"has_more", true}};
  out.row_cursors = std::move(page->resume_after);
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
  auto shaped_account = shape_account(std::move(*account), *id, money_form(args));
  if (!shaped_account) return std::unexpected(shaped_account.error());
  auto& shaped = *shaped_account;
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
  register_spending_limit_op(registry);
  register_account_health_op(registry);
}

}  // namespace fbmcp::ops
