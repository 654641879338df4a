// bulk_update_campaigns: status, name and budget for up to 500 campaigns through the Batch API, with a per-item
// outcome and one confirmation for the whole set when it spends.
#include <set>

#include "money/money.hpp"
#include "ops/all_ops.hpp"
#include "ops/budget_args.hpp"
#include "ops/campaign_view.hpp"
#include "ops/shaping.hpp"
#include "ops/write_support.hpp"

namespace fbmcp::ops {
namespace {

using tool::ChangePreview;
using tool::OpContext;
using tool::OpOutput;

struct ItemPlan {
  std::string id;
  nlohmann::json raw;       // campaign as Graph returned it
  std::string currency;
  graph::Params params;     // what to POST
  nlohmann::json budgets;   // minor units being set
  std::optional<core::Error> error;
};

std::vector<ItemPlan> plan_items(const nlohmann::json& args, OpContext& ctx) {
  const auto& updates = args["updates"];
  std::vector<ItemPlan> plans(updates.size());
  std::vector<graph::GraphRequest> reads;
  std::set<std::string> seen;
  for (size_t i = 0; i < updates.size(); ++i) {
    plans[i].id = updates[i]["campaign_id"].get<std::string>();
    if (!seen.insert(plans[i].id).second) {
      plans[i].error = invalid_args("campaign " + plans[i].id + " appears twice", "give each campaign once",
                                    "args.updates[" + std::to_string(i) + "].campaign_id");
    }
    reads.push_back({"GET", plans[i].id, {{"fields", field_list(campaign_default_fields(), {})}}});
  }
  ctx.report("reading " + std::to_string(reads.size()) + " campaigns");
  auto current = ctx.graph.batch(reads, true);
  for (size_t i = 0; i < plans.size(); ++i) {
    auto& plan = plans[i];
    if (plan.error) continue;
    if (!current[i]) {
      plan.error = current[i].error();
      continue;
    }
    if (auto shape = check_campaign_shape(*current[i], plan.id); !shape) {
      plan.error = shape.error();
      continue;
    }
    plan.raw = *current[i];
    auto account = ctx.accounts.get("act_" + plan.raw.value("account_id", ""));
    if (!account) {
      plan.error = account.error();
      continue;
    }
    plan.currency = account->currency;
    const auto& update = updates[i];
    const std::string prefix = "args.updates[" + std::to_string(i) + "].";
    auto budgets = budget_params(update, plan.currency, plan.params, prefix);
    if (!budgets) {
      plan.error = budgets.error();
      continue;
    }
    plan.budgets = *budgets;
    if (auto allowed = check_spend_limits(ctx, "act_" + plan.raw.value("account_id", ""), plan.currency, plan.budgets,
                                          plan.raw);
        !allowed) {
      plan.error = allowed.error();
      continue;
    }
    for (const char* field : {"name", "status"}) {
      if (update.contains(field)) plan.params.set(field, update[field]);
    }
    if (plan.params.items().empty()) {
      plan.error = invalid_args("nothing to change for campaign " + plan.id,
                                "give status, name, daily_budget or lifetime_budget", prefix + "campaign_id");
    }
  }
  return plans;
}

// Why this item spends more money, or empty.
std::vector<std::string> spend_reasons(const ItemPlan& plan) {
  std::vector<std::string> reasons;
  if (plan.error) return reasons;
  for (const char* field : kBudgetFields) {
    if (!plan.budgets.contains(field)) continue;
    const int64_t before = current_budget(plan.raw, field);
    const int64_t after = plan.budgets[field];
    if (after > before) {
      reasons.push_back(std::string(field) + " " + money_text(before, plan.currency) + " → " +
                        money_text(after, plan.currency));
    }
  }
  const auto* status = plan.params.find("status");
  if (status && *status == "ACTIVE" && plan.raw.value("status", "") != "ACTIVE") reasons.push_back("activate");
  return reasons;
}

core::Result<std::optional<ChangePreview>> bulk_needs_confirmation(const nlohmann::json& args, OpContext& ctx) {
  const auto plans = plan_items(args, ctx);
  auto spending = nlohmann::json::array();
  for (const auto& plan : plans) {
    const auto reasons = spend_reasons(plan);
    if (reasons.empty()) continue;
    std::string why;
    for (const auto& r : reasons) why += (why.empty() ? "" : ", ") + r;
    spending.push_back({{"campaign_id", plan.id}, {"name", plan.raw.value("name", "")}, {"change", why}});
  }
  if (spending.empty()) return std::nullopt;
  std::string question = "Apply " + std::to_string(plans.size()) + " campaign updates, of which " +
                         std::to_string(spending.size()) + " can raise spending (";
  for (size_t i = 0; i < spending.size() && i < 5; ++i) {
    question += (i ? "; " : "") + spending[i]["name"].get<std::string>() + ": " + spending[i]["change"].get<std::string>();
  }
  question += spending.size() > 5 ? "; …)?" : ")?";
  return ChangePreview{question, {{"spending_changes", spending}, {"total_updates", plans.size()}}};
}

core::Result<OpOutput> bulk_update_campaigns(const nlohmann::json& args, OpContext& ctx) {
  auto plans = plan_items(args, ctx);
  const bool dry_run = args.value("dry_run", false);
  std::vector<graph::GraphRequest> writes;
  std::vector<size_t> write_index;
  for (size_t i = 0; i < plans.size(); ++i) {
    if (plans[i].error) continue;
    auto params = plans[i].params;
    apply_dry_run(args, params);
    writes.push_back({"POST", plans[i].id, params});
    write_index.push_back(i);
  }
  ctx.report("sending " + std::to_string(writes.size()) + " updates in batches of " +
             std::to_string(graph::GraphClient::kMaxBatchSize));
  // Setting status, name or budget to a value is idempotent, so a batch whose fate is unknown may be re-sent.
  auto results = ctx.graph.batch(writes, true);
  for (size_t k = 0; k < results.size(); ++k) {
    auto& plan = plans[write_index[k]];
    if (!results[k]) plan.error = results[k].error();
    else if (auto confirmed = graph::expect_success(*results[k], plan.id); !confirmed) plan.error = confirmed.error();
  }

  auto items = nlohmann::json::array();
  size_t succeeded = 0;
  for (const auto& plan : plans) {
    nlohmann::json item = {{"campaign_id", plan.id}, {"ok", !plan.error}};
    if (plan.error) {
      item["error"] = core::to_json(*plan.error);
      item["result"] = plan.error->message;
    } else {
      ++succeeded;
      nlohmann::json changes = nlohmann::json::object();
      std::string text;
      for (const auto& [field, value] : plan.params.items()) {
        nlohmann::json before = plan.raw.value(field, nlohmann::json());
        nlohmann::json after = value;
        if (plan.budgets.contains(field)) {
          before = money::money_view(before.is_null() ? nlohmann::json("0") : before, plan.currency);
          after = money::money_view(value, plan.currency);
        }
        changes[field] = {{"before", before}, {"after", after}};
        text += (text.empty() ? "" : "; ") + field + " → " + tool::cell_text(after);
      }
      item["name"] = plan.raw.value("name", "");
      item["changes"] = changes;
      // Items may come from accounts with different currencies: a budget change says its own.
      if (!plan.budgets.empty()) item["currency"] = plan.currency;
      item["result"] = (dry_run ? "valid: " : "") + text;
    }
    items.push_back(item);
  }
  OpOutput out;
  out.data = {{"items", items}, {"updated", dry_run ? 0 : succeeded}, {"failed", plans.size() - succeeded}};
  if (dry_run) out.data["dry_run"] = true;
  out.summary = (dry_run ? "Dry run: " + std::to_string(succeeded) + " of " + std::to_string(plans.size()) +
                               " updates are valid; nothing changed"
                         : "Updated " + std::to_string(succeeded) + " of " + std::to_string(plans.size()) +
                               " campaigns") +
                (plans.size() > succeeded ? "; " + std::to_string(plans.size() - succeeded) + " failed (see each item)." : ".");
  out.table_columns = {"campaign_id", "name", "ok", "result"};
  return out;
}

}  // namespace

void register_campaign_bulk_ops(tool::OpRegistry& registry) {
  registry.add({"bulk_update_campaigns", "campaigns",
                "Change status, name or budget of up to 500 campaigns via the Batch API; per-item outcome",
                tool::Effect::Write, true, bulk_update_campaigns, bulk_needs_confirmation});
}

}  // namespace fbmcp::ops
