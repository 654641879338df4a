#include "ops/common/bulk_update.hpp"

#include <algorithm>
#include <memory>
#include <set>

#include "graph/json_fields.hpp"
#include "money/money.hpp"
#include "ops/common/money_args.hpp"
#include "ops/common/object_view.hpp"
#include "ops/common/parent_rules.hpp"
#include "ops/common/read_many.hpp"
#include "ops/common/shaping.hpp"
#include "ops/common/spend_raises.hpp"
#include "ops/common/write_support.hpp"
#include "tool/result_text.hpp"

namespace fbmcp::ops {
namespace {

using tool::ChangePreview;
using tool::OpContext;
using tool::OpOutput;

struct ItemPlan {
  std::string id;
  bool read = false;        // whether the current state was read (every item is, unless it repeats an earlier one)
  nlohmann::json raw;       // the object as Graph returned it, when read
  std::string currency;
  graph::Params params;     // what to POST
  nlohmann::json money;     // minor units being set
  std::optional<core::Error> error;
};

void plan_money(const ObjectKind& kind, OpContext& ctx, const nlohmann::json& update, const std::string& prefix,
                ItemPlan& plan) {
  if (auto shape = check_object_shape(kind, plan.raw, plan.id); !shape) {
    plan.error = shape.error();
    return;
  }
  const std::string act = "act_" + plan.raw.value("account_id", "");
  auto account = ctx.accounts.get(act);
  if (!account) {
    plan.error = account.error();
    return;
  }
  plan.currency = account->currency;
  auto money = money_params(update, kind, plan.currency, plan.params, prefix);
  if (!money) {
    plan.error = money.error();
    return;
  }
  plan.money = *money;
  if (auto allowed = check_spend_limits(ctx, act, plan.currency, plan.money, plan.raw); !allowed) {
    plan.error = allowed.error();
  }
}

// What a bulk read asks of each object: the kind's default fields and, when budgets depend on the parent, the
// parent too through field expansion (`campaign{daily_budget,…}`), so no second round of reads is needed.
std::string bulk_read_fields(const ObjectKind& kind) {
  std::string fields = field_list(kind.default_fields, {});
  if (kind.check_budget_owner && !kind.parent_field.empty()) {
    fields += "," + kind.parent_field + "{" + kind.parent_fields + "}";
  }
  return fields;
}

// Checks each money-setting item against its parent: the one expanded in its read, else read (once per parent).
void check_budget_owners(const ObjectKind& kind, OpContext& ctx, std::vector<ItemPlan>& plans,
                         const std::vector<size_t>& read_index) {
  if (!kind.check_budget_owner) return;
  auto needs_parent = [&](const ItemPlan& plan) { return !plan.error && !plan.money.empty(); };
  std::vector<std::string> unexpanded;
  for (size_t i : read_index) {
    const auto& plan = plans[i];
    if (!needs_parent(plan)) continue;
    const auto expanded = graph::read_object(plan.raw, kind.parent_field);
    if (!expanded || !*expanded) unexpanded.push_back(plan.raw.value(kind.parent_id_field, ""));
  }
  const auto parents = read_parents(ctx, kind, unexpanded);
  for (size_t i : read_index) {
    auto& plan = plans[i];
    if (!needs_parent(plan)) continue;
    const auto expanded = graph::read_object(plan.raw, kind.parent_field);
    core::Result<nlohmann::json> parent = std::unexpected(core::Error{});
    if (expanded && *expanded) {
      parent = **expanded;
    } else if (const auto found = parents.find(plan.raw.value(kind.parent_id_field, "")); found != parents.end()) {
      parent = found->second;
    } else {
      continue;  // no parent named: Graph decides
    }
    if (!parent) {
      plan.error = parent.error();
    } else if (auto ok = kind.check_budget_owner(*parent, plan.money, plan.currency,
                                                 "args.updates[" + std::to_string(i) + "].");
               !ok) {
      plan.error = ok.error();
    }
  }
}

std::vector<ItemPlan> plan_items(const ObjectKind& kind, const nlohmann::json& args, OpContext& ctx) {
  const auto& updates = args["updates"];
  std::vector<ItemPlan> plans(updates.size());
  std::vector<std::string> read_ids;
  std::vector<size_t> read_index;
  std::set<std::string> seen;
  for (size_t i = 0; i < updates.size(); ++i) {
    plans[i].id = updates[i][kind.id_arg].get<std::string>();
    if (!seen.insert(plans[i].id).second) {
      plans[i].error = invalid_args(kind.noun + " " + plans[i].id + " appears twice", "give each " + kind.noun + " once",
                                    "args.updates[" + std::to_string(i) + "]." + kind.id_arg);
      continue;
    }
    // Every item's current state is read (read_many: 2 requests for 500 objects of one account): its name and
    // "before" values for the result and the change journal (DESIGN §5), its currency and whether it raises spend.
    plans[i].read = true;
    read_ids.push_back(plans[i].id);
    read_index.push_back(i);
  }
  if (!read_ids.empty()) ctx.report("reading " + std::to_string(read_ids.size()) + " " + kind.plural);
  auto current = read_many(ctx, kind, read_ids, bulk_read_fields(kind));
  for (size_t k = 0; k < read_index.size(); ++k) {
    auto& plan = plans[read_index[k]];
    if (!current[k]) {
      plan.error = current[k].error();
      continue;
    }
    plan.raw = std::move(*current[k]);
    plan_money(kind, ctx, updates[read_index[k]], "args.updates[" + std::to_string(read_index[k]) + "].", plan);
  }
  // Where budgets may sit is the parent's business.
  check_budget_owners(kind, ctx, plans, read_index);
  for (size_t i = 0; i < plans.size(); ++i) {
    auto& plan = plans[i];
    if (plan.error) continue;
    for (const auto& field : kind.bulk_fields) {
      if (updates[i].contains(field) && !plan.money.contains(field)) plan.params.set(field, updates[i][field]);
    }
    if (plan.params.items().empty()) {
      std::string fields;
      for (const auto& field : kind.bulk_fields) fields += (fields.empty() ? "" : ", ") + field;
      plan.error = invalid_args("nothing to change for " + kind.noun + " " + plan.id, "give " + fields,
                                "args.updates[" + std::to_string(i) + "]." + kind.id_arg);
    }
  }
  return plans;
}

// Why this item can spend more money, worded for the one question asked about the whole set.
std::string spend_reason(const ItemPlan& plan) {
  if (plan.error || !plan.read) return "";
  const auto raises = spend_raises(plan.raw, plan.money, plan.params);
  std::string why;
  for (const auto& raise : raises.money) {
    why += (why.empty() ? "" : ", ") + raise.field + " " + money_text(raise.before, plan.currency) + " → " +
           money_text(raise.after, plan.currency);
  }
  if (raises.activates) why += std::string(why.empty() ? "" : ", ") + "activate";
  return why;
}

core::Result<std::optional<ChangePreview>> bulk_needs_confirmation(const ObjectKind& kind, const nlohmann::json& args,
                                                                   OpContext& ctx) {
  auto shared = std::make_shared<std::vector<ItemPlan>>(plan_items(kind, args, ctx));
  ctx.planned = shared;
  const auto& plans = *shared;
  auto spending = nlohmann::json::array();
  for (const auto& plan : plans) {
    const auto why = spend_reason(plan);
    if (!why.empty()) spending.push_back({{kind.id_arg, plan.id}, {"name", plan.raw.value("name", "")}, {"change", why}});
  }
  if (spending.empty()) return std::nullopt;
  std::string question = "Apply " + std::to_string(plans.size()) + " " + kind.noun + " updates, of which " +
                         std::to_string(spending.size()) + " can raise spending (";
  for (size_t i = 0; i < spending.size() && i < 5; ++i) {
    question += (i ? "; " : "") + spending[i]["name"].get<std::string>() + ": " + spending[i]["change"].get<std::string>();
  }
  question += spending.size() > 5 ? "; …)?" : ")?";
  return ChangePreview{question, {{"spending_changes", spending}, {"total_updates", plans.size()}}};
}

nlohmann::json item_outcome(const ObjectKind& kind, const ItemPlan& plan, bool dry_run) {
  nlohmann::json item = {{kind.id_arg, plan.id}, {"ok", !plan.error}};
  if (plan.error) {
    item["error"] = core::to_json(*plan.error);
    item["result"] = plan.error->message;
    return item;
  }
  nlohmann::json changes = nlohmann::json::object();
  std::string text;
  for (const auto& [field, value] : plan.params.items()) {
    if (field == "execution_options") continue;
    nlohmann::json after = value;
    nlohmann::json change = nlohmann::json::object();
    if (plan.money.contains(field)) {
      const auto before = plan.raw.value(field, nlohmann::json());
      change["before"] = money::money_view(before.is_null() ? nlohmann::json("0") : before, plan.currency);
      after = money::money_view(value, plan.currency);
    } else if (plan.read) {
      change["before"] = plan.raw.value(field, nlohmann::json());
    }
    change["after"] = after;
    changes[field] = change;
    text += (text.empty() ? "" : "; ") + field + " → " + tool::cell_text(after);
  }
  if (plan.read) item["name"] = plan.raw.value("name", "");
  item["changes"] = changes;
  // Items may come from accounts with different currencies: a money change says its own.
  if (!plan.money.empty()) item["currency"] = plan.currency;
  item["result"] = (dry_run ? "valid: " : "") + text;
  return item;
}

// The journal's record of a bulk update: every item with its own outcome, fields as Graph has them before and as
// sent (minor units), so undo_change can put the ones that succeeded back in one batch.
store::ChangeSet bulk_change(const ObjectKind& kind, const std::vector<ItemPlan>& plans) {
  store::ChangeSet change;
  for (const auto& plan : plans) {
    store::ChangeItem item{kind.op_noun, plan.id, plan.raw.is_object() ? "act_" + plan.raw.value("account_id", "") : "",
                           "update"};
    if (item.account_id == "act_") item.account_id.clear();
    if (plan.error) {
      item.ok = false;
      item.error = plan.error->message;
    }
    for (const auto& [field, value] : plan.params.items()) {
      if (field == "execution_options") continue;
      item.fields[field] = {{"before", plan.raw.is_object() ? plan.raw.value(field, nlohmann::json()) : nlohmann::json()},
                            {"after", value}};
    }
    change.items.push_back(std::move(item));
  }
  return change;
}

core::Result<OpOutput> bulk_update(const ObjectKind& kind, const nlohmann::json& args, OpContext& ctx) {
  // The confirmation check of this same call planned already (and the router runs it first unless dry_run).
  auto plans = ctx.planned ? std::move(*std::static_pointer_cast<std::vector<ItemPlan>>(ctx.planned))
                           : plan_items(kind, args, ctx);
  ctx.planned.reset();
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
  // Setting status, name, budget or bid to a value is idempotent, so a batch whose fate is unknown may be re-sent.
  auto results = ctx.graph.batch(writes, true);
  for (size_t k = 0; k < results.size(); ++k) {
    auto& plan = plans[write_index[k]];
    if (!results[k]) plan.error = results[k].error();
    else if (auto confirmed = graph::expect_success(*results[k], plan.id); !confirmed) plan.error = confirmed.error();
  }
  auto items = nlohmann::json::array();
  size_t succeeded = 0;
  for (const auto& plan : plans) {
    if (!plan.error) ++succeeded;
    items.push_back(item_outcome(kind, plan, dry_run));
  }
  OpOutput out;
  if (!dry_run && !writes.empty()) out.change = bulk_change(kind, plans);
  out.data = {{"items", items}, {"updated", dry_run ? 0 : succeeded}, {"failed", plans.size() - succeeded}};
  if (dry_run) out.data["dry_run"] = true;
  const std::string failed =
      plans.size() > succeeded ? "; " + std::to_string(plans.size() - succeeded) + " failed (see each item)." : ".";
  out.summary = (dry_run ? "Dry run: " + std::to_string(succeeded) + " of " + std::to_string(plans.size()) +
                               " updates are valid; nothing changed"
                         : "Updated " + std::to_string(succeeded) + " of " + std::to_string(plans.size()) + " " +
                               kind.plural) +
                failed;
  // Names are known only for items whose current state was read; a table of empty names says nothing.
  const bool named = std::any_of(plans.begin(), plans.end(), [](const ItemPlan& p) { return p.read; });
  out.table_columns = named ? std::vector<std::string>{kind.id_arg, "name", "ok", "result"}
                            : std::vector<std::string>{kind.id_arg, "ok", "result"};
  return out;
}

}  // namespace

void register_bulk_update_op(tool::OpRegistry& registry, const ObjectKind& kind) {
  const ObjectKind* k = &kind;
  registry.add({"bulk_update_" + kind.op_noun + "s", kind.family,
                "Change " + kind.bulk_what + " of up to 500 " + kind.plural + " via the Batch API; per-item outcome",
                tool::Effect::Write, true,
                [k](const nlohmann::json& a, OpContext& c) { return bulk_update(*k, a, c); },
                [k](const nlohmann::json& a, OpContext& c) { return bulk_needs_confirmation(*k, a, c); }});
}

}  // namespace fbmcp::ops
