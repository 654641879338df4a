// undo_change: puts a journaled change back. An update gets its "before" values again — in one request, or one
// Batch API request for a bulk change — but only if every object still holds the "after" values the change left
// (else someone edited it since, in Ads Manager say, and the undo would overwrite that: refused, saying what
// differs). A create is undone by deleting what it made (confirmation, like every delete); a delete cannot be
// undone. Putting back a higher budget or an ACTIVE status spends, so it asks like any spend and passes the spend
// guard. The undo is journaled itself (undo_of), and a change is undone once.
#include <set>

#include "graph/json_fields.hpp"
#include "graph/response_decoding.hpp"
#include "ops/all_ops.hpp"
#include "ops/common/money_args.hpp"
#include "ops/common/spend_raises.hpp"
#include "ops/common/write_support.hpp"
#include "ops/journal/journal_ops.hpp"
#include "tool/op_context.hpp"
#include "tool/result_text.hpp"

namespace fbmcp::ops {
namespace {

using tool::ChangePreview;
using tool::OpContext;
using tool::OpOutput;

// What undo_change sets back (issue 14: status, budgets, bid, name, schedule, targeting; an ad's creative and
// tracking_specs, a campaign's special_ad_categories, an account's spend_cap).
const std::set<std::string>& undoable_fields() {
  static const std::set<std::string> kFields = {
      "status",     "name",       "daily_budget", "lifetime_budget", "bid_amount",     "bid_strategy",
      "spend_cap",  "start_time", "end_time",     "stop_time",       "targeting",      "creative",
      "tracking_specs", "special_ad_categories"};
  return kFields;
}
// The value to send to put `field` back, from the value Graph read before the change. An ad reads its creative as
// {"id": "<creative id>"} but is set with creative={"creative_id": "<id>"} (graph-api-facts.md, POST
// /act_<id>/ads; PSDK adobjects/ad.py: creative is an AdCreative), so the read form is turned into the write form.
nlohmann::json undo_write_value(const std::string& field, const nlohmann::json& before) {
  if (field == "creative" && before.is_object() && before.contains("id") && !before.contains("creative_id")) {
    return {{"creative_id", before["id"]}};
  }
  return before;
}
bool is_undo_money_field(const std::string& field) {
  return field == "daily_budget" || field == "lifetime_budget" || field == "bid_amount" || field == "spend_cap";
}
// What a create made that a DELETE /<id> removes.
bool undo_can_delete(const std::string& kind) {
  return kind == "campaign" || kind == "adset" || kind == "ad" || kind == "creative" || kind == "audience";
}
std::string undo_kind_words(const std::string& kind) {
  return kind == "adset" ? "ad set" : kind == "saved_audience" ? "saved audience" : kind;
}

struct UndoTarget {
  store::ChangeItem item;     // as the change recorded it
  nlohmann::json current;     // the object as Graph has it now
  graph::Params params;       // the "before" values to send (updates)
  nlohmann::json money = nlohmann::json::object();  // minor units being put back
  std::string currency;
};

struct UndoPlan {
  store::ChangeRecord record;
  bool deletes = false;  // undoing a create
  std::vector<UndoTarget> targets;
};

core::Error undo_refusal(std::string message, std::string hint, nlohmann::json detail = nullptr) {
  return core::Error{core::ErrorKind::PolicyBlocked, std::move(message), std::move(hint), "change_id", std::nullopt,
                     std::move(detail)};
}

// Graph answers a field the way it was read when the change was journaled (budgets as strings, targeting as an
// object); what a bulk change sent was kept as form text. Equal when they say the same.
bool same_graph_value(const nlohmann::json& now, const nlohmann::json& then) {
  if (now == then) return true;
  auto structured = [](const nlohmann::json& text, const nlohmann::json& other) {
    if (!text.is_string() || !(other.is_object() || other.is_array())) return false;
    const auto parsed = nlohmann::json::parse(text.get<std::string>(), nullptr, false);
    return !parsed.is_discarded() && parsed == other;
  };
  if (structured(now, then) || structured(then, now)) return true;
  auto scalar_text = [](const nlohmann::json& v) -> std::optional<std::string> {
    if (v.is_string()) return v.get<std::string>();
    if (v.is_number() || v.is_boolean()) return v.dump();
    return std::nullopt;
  };
  const auto a = scalar_text(now), b = scalar_text(then);
  return a && b && *a == *b;
}

std::string undo_value_text(const std::string& field, const nlohmann::json& value, const std::string& currency) {
  if (value.is_null()) return "none";
  if (is_undo_money_field(field) && !currency.empty()) {
    const std::string text = value.is_string() ? value.get<std::string>() : value.dump();
    int64_t minor = 0;
    try {
      minor = std::stoll(text);
    } catch (...) {
      return text;
    }
    return money_text(minor, currency);
  }
  if (value.is_object() || value.is_array()) return value.dump().substr(0, 120);
  return tool::cell_text(value);
}

core::Result<store::ChangeRecord> find_change(const nlohmann::json& args, OpContext& ctx) {
  if (!ctx.journal) {
    return core::fail(core::ErrorKind::Internal, "this server has no change journal", "it is a bug: report it");
  }
  const int64_t id = args["change_id"].get<int64_t>();
  auto found = ctx.journal->find(id);
  if (!found) return std::unexpected(found.error());
  if (!*found) {
    return std::unexpected(core::Error{core::ErrorKind::NotFound, "no change " + std::to_string(id) + " in the journal",
                                       "list_changes shows the journaled changes and their change_id", "change_id",
                                       std::nullopt, nullptr});
  }
  auto record = std::move(**found);
  if (record.undone_by > 0) {
    return std::unexpected(undo_refusal("change " + std::to_string(id) + " was already undone by change " +
                                            std::to_string(record.undone_by),
                                        "undo change " + std::to_string(record.undone_by) +
                                            " instead to redo it, or list_changes to see both"));
  }
  return record;
}

// Why a recorded action cannot be put back, in words an agent can act on.
core::Error not_undoable(const store::ChangeRecord& record, const store::ChangeItem& item) {
  const std::string id = std::to_string(record.id);
  const std::string what = undo_kind_words(item.kind) + " " + item.object_id;
  if (item.action == "delete") {
    return undo_refusal("change " + id + " (" + record.op + ") deleted " + what +
                            ": a delete cannot be undone — Meta offers no way to bring a deleted object back",
                        "make it again (a create op, or duplicate_… of a copy that still exists)");
  }
  if (item.action == "create") {
    return undo_refusal("change " + id + " (" + record.op + ") made " + what +
                            ", which undo_change cannot delete",
                        item.kind == "image" ? "images stay in the account's image library; an unused one costs nothing"
                                             : "delete it in Ads Manager if it must go");
  }
  if (item.action == "add_users" || item.action == "remove_users" || item.action == "replace_users") {
    return undo_refusal("change " + id + " (" + record.op + ") sent customer rows to audience " + item.object_id +
                            "; the journal keeps counts only (never the people), so it cannot send them back",
                        item.action == "add_users" ? "call remove_audience_users with the same customer list"
                                                   : "send the earlier list again with add_audience_users");
  }
  return undo_refusal("change " + id + " (" + record.op + ", " + item.action + " of " + what +
                          ") cannot be undone by undo_change",
                      "make the opposite change with the matching op");
}

// Reads every target as Graph has it now, in one request or one batch.
core::Result<void> read_current(OpContext& ctx, UndoPlan& plan) {
  std::vector<graph::GraphRequest> reads;
  for (const auto& target : plan.targets) {
    std::string fields = plan.deletes ? "id,name" : "id,name,account_id";
    if (!plan.deletes) {
      for (const auto& [field, change] : target.item.fields.items()) fields += "," + field;
    }
    if (plan.deletes && target.item.kind != "creative" && target.item.kind != "audience") fields += ",status";
    graph::GraphRequest read;
    read.path = target.item.object_id;
    read.params.set("fields", fields);
    read.idempotent = true;
    reads.push_back(std::move(read));
  }
  auto results = reads.size() == 1
                     ? std::vector<core::Result<nlohmann::json>>{ctx.graph.get(reads[0].path, reads[0].params)}
                     : ctx.graph.batch(reads, true);
  for (size_t i = 0; i < results.size() && i < plan.targets.size(); ++i) {
    auto& target = plan.targets[i];
    if (!results[i]) {
      if (plan.deletes && results[i].error().kind == core::ErrorKind::NotFound) {
        return std::unexpected(undo_refusal(undo_kind_words(target.item.kind) + " " + target.item.object_id +
                                                " that change " + std::to_string(plan.record.id) +
                                                " made is gone already: nothing to undo",
                                            "list_changes shows what happened to it"));
      }
      return std::unexpected(results[i].error());
    }
    if (!results[i]->is_object()) {
      return std::unexpected(graph::unexpected_shape(target.item.object_id, "it is not an object"));
    }
    target.current = std::move(*results[i]);
  }
  return {};
}

core::Result<void> plan_update_targets(OpContext& ctx, UndoPlan& plan) {
  auto changed_since = nlohmann::json::array();
  std::string first;
  for (auto& target : plan.targets) {
    const std::string account = target.item.account_id.empty()
                                    ? "act_" + target.current.value("account_id", "")
                                    : target.item.account_id;
    bool has_money = false;
    for (const auto& [field, change] : target.item.fields.items()) has_money = has_money || is_undo_money_field(field);
    if (has_money) {
      auto facts = ctx.accounts.get(account);
      if (!facts) return std::unexpected(facts.error());
      target.currency = facts->currency;
    }
    for (const auto& [field, change] : target.item.fields.items()) {
      const nlohmann::json after = change.is_object() ? change.value("after", nlohmann::json()) : nlohmann::json();
      const nlohmann::json before = change.is_object() ? change.value("before", nlohmann::json()) : nlohmann::json();
      const nlohmann::json now = target.current.value(field, nlohmann::json());
      if (!same_graph_value(now, after)) {
        changed_since.push_back({{"object_id", target.item.object_id},
                                 {"field", field},
                                 {"change_left", undo_value_text(field, after, target.currency)},
                                 {"now", undo_value_text(field, now, target.currency)}});
        if (first.empty()) {
          first = undo_kind_words(target.item.kind) + " " + target.item.object_id + "'s " + field + " is now " +
                  undo_value_text(field, now, target.currency) + ", not the " +
                  undo_value_text(field, after, target.currency) + " the change left";
        }
        continue;
      }
      if (before.is_null()) {
        return std::unexpected(undo_refusal(
            undo_kind_words(target.item.kind) + " " + target.item.object_id + " had no " + field +
                " before change " + std::to_string(plan.record.id) + ", and an update cannot take one away",
            "change it with update_" + target.item.kind + " instead"));
      }
      target.params.set(field, undo_write_value(field, before));
      if (is_undo_money_field(field)) {
        const std::string text = before.is_string() ? before.get<std::string>() : before.dump();
        try {
          target.money[field] = std::stoll(text);
        } catch (...) {
          return std::unexpected(graph::unexpected_shape(target.item.object_id, field + " in the journal is not a number"));
        }
      }
      if (field == "spend_cap" && target.item.kind == "account") {
        auto amount = account_spend_cap_param(target.money[field].get<int64_t>(), target.currency);
        if (!amount) return std::unexpected(amount.error());
        target.params.set(field, *amount);
      }
    }
    if (changed_since.empty() && !target.money.empty()) {
      if (auto allowed = check_spend_limits(ctx, account, target.currency, target.money, target.current); !allowed) {
        return std::unexpected(allowed.error());
      }
    }
  }
  if (!changed_since.empty()) {
    return std::unexpected(undo_refusal(
        "change " + std::to_string(plan.record.id) + " (" + plan.record.op + ") was not undone: " + first +
            (changed_since.size() > 1 ? " (and " + std::to_string(changed_since.size() - 1) + " more)" : "") +
            ". Someone changed it since (Ads Manager, another tool), and undoing would overwrite that",
        "read it again (get_…) and, if the old values are still wanted, set them with the update op",
        {{"changed_since", changed_since}}));
  }
  return {};
}

core::Result<UndoPlan> plan_undo(const nlohmann::json& args, OpContext& ctx) {
  auto record = find_change(args, ctx);
  if (!record) return std::unexpected(record.error());
  UndoPlan plan{std::move(*record), false, {}};
  for (const auto& item : plan.record.change.items) {
    if (item.ok) plan.targets.push_back({item, nlohmann::json(), {}, nlohmann::json::object(), ""});
  }
  if (plan.targets.empty()) {
    return std::unexpected(undo_refusal("change " + std::to_string(plan.record.id) +
                                            " failed at Meta for every object: nothing to undo",
                                        "list_changes shows its items and their errors"));
  }
  const std::string action = plan.targets.front().item.action;
  for (const auto& target : plan.targets) {
    const auto& item = target.item;
    if (item.action != action || (item.action != "update" && item.action != "create") ||
        (item.action == "create" && !undo_can_delete(item.kind))) {
      return std::unexpected(not_undoable(plan.record, item));
    }
    if (item.action == "update") {
      for (const auto& [field, change] : item.fields.items()) {
        if (!undoable_fields().count(field)) {
          return std::unexpected(undo_refusal(
              "change " + std::to_string(plan.record.id) + " set " + field + " of " + undo_kind_words(item.kind) +
                  " " + item.object_id + ", which undo_change does not put back (it restores status, name, "
                  "budgets, bid, schedule, targeting, an ad's creative and tracking_specs, a campaign's "
                  "special_ad_categories and an account's spend_cap)",
              "set the old value with update_" + item.kind));
        }
      }
    }
  }
  plan.deletes = action == "create";
  ctx.report("reading the " + std::to_string(plan.targets.size()) + " object(s) of change " +
             std::to_string(plan.record.id));
  if (auto read = read_current(ctx, plan); !read) return std::unexpected(read.error());
  if (plan.deletes) {
    for (const auto& target : plan.targets) {
      if (target.current.value("status", "") == "DELETED") {
        return std::unexpected(undo_refusal(undo_kind_words(target.item.kind) + " " + target.item.object_id +
                                                " that change " + std::to_string(plan.record.id) +
                                                " made is deleted already: nothing to undo",
                                            "list_changes shows what happened to it"));
      }
    }
    return plan;
  }
  if (auto checked = plan_update_targets(ctx, plan); !checked) return std::unexpected(checked.error());
  return plan;
}

std::shared_ptr<UndoPlan> planned_undo(const nlohmann::json& args, OpContext& ctx, core::Error& error) {
  if (ctx.planned) {
    auto plan = std::static_pointer_cast<UndoPlan>(ctx.planned);
    ctx.planned.reset();
    return plan;
  }
  auto plan = plan_undo(args, ctx);
  if (!plan) {
    error = plan.error();
    return nullptr;
  }
  return std::make_shared<UndoPlan>(std::move(*plan));
}

core::Result<std::optional<ChangePreview>> undo_needs_confirmation(const nlohmann::json& args, OpContext& ctx) {
  auto plan = plan_undo(args, ctx);
  if (!plan) return std::unexpected(plan.error());
  auto shared = std::make_shared<UndoPlan>(std::move(*plan));
  ctx.planned = shared;
  const std::string id = std::to_string(shared->record.id);
  if (shared->deletes) {
    std::string what;
    auto objects = nlohmann::json::array();
    for (const auto& target : shared->targets) {
      what += (what.empty() ? "" : ", ") + undo_kind_words(target.item.kind) + " " + target.item.object_id + " '" +
              target.current.value("name", "") + "'";
      objects.push_back({{"kind", target.item.kind}, {"id", target.item.object_id},
                         {"name", target.current.value("name", "")}});
    }
    return ChangePreview{"Undo change " + id + " (" + shared->record.op + ") by deleting " + what +
                             "? This cannot be undone.",
                         {{"change_id", shared->record.id}, {"delete", objects}}};
  }
  std::vector<std::string> reasons;
  auto spending = nlohmann::json::array();
  for (const auto& target : shared->targets) {
    const auto raises = spend_raises(target.current, target.money, target.params);
    std::string why;
    for (const auto& raise : raises.money) {
      why += (why.empty() ? "" : ", ") + raise.field + " " + money_text(raise.before, target.currency) + " → " +
             money_text(raise.after, target.currency);
    }
    if (raises.activates) why += std::string(why.empty() ? "" : ", ") + "status " + raises.status_before + " → ACTIVE";
    if (target.item.kind == "account" && target.money.contains("spend_cap")) {
      // As update_spending_limit asks: removing an account's limit, or raising it, lets the account spend more.
      const int64_t now = current_minor(target.current, "spend_cap");
      const int64_t back = target.money["spend_cap"].get<int64_t>();
      if (now != 0 && (back == 0 || back > now)) {
        why += std::string(why.empty() ? "" : ", ") + "spending limit " + money_text(now, target.currency) + " → " +
               (back == 0 ? std::string("no limit") : money_text(back, target.currency));
      }
    }
    if (why.empty()) continue;
    reasons.push_back(undo_kind_words(target.item.kind) + " '" + target.current.value("name", "") + "': " + why);
    spending.push_back({{"object_id", target.item.object_id}, {"change", why}});
  }
  if (spending.empty()) return std::nullopt;
  std::string question = "Undo change " + id + " (" + shared->record.op + "), which can raise spending: ";
  for (size_t i = 0; i < reasons.size() && i < 5; ++i) question += (i ? "; " : "") + reasons[i];
  return ChangePreview{question + (reasons.size() > 5 ? "; …?" : "?"),
                       {{"change_id", shared->record.id}, {"spending_changes", spending}}};
}

core::Result<OpOutput> undo_change(const nlohmann::json& args, OpContext& ctx) {
  core::Error planning_error;
  auto plan = planned_undo(args, ctx, planning_error);
  if (!plan) return std::unexpected(planning_error);
  const bool dry_run = args.value("dry_run", false);
  const std::string id = std::to_string(plan->record.id);
  std::vector<graph::GraphRequest> writes;
  // Newest first for deletes: an ad before its ad set before its campaign, as a launch made them the other way.
  std::vector<size_t> order;
  for (size_t i = 0; i < plan->targets.size(); ++i) order.push_back(plan->deletes ? plan->targets.size() - 1 - i : i);
  OpOutput out;
  if (plan->deletes && dry_run) {
    auto would = nlohmann::json::array();
    for (size_t i : order) would.push_back(plan->targets[i].item.object_id);
    out.data = {{"dry_run", true}, {"undo_of", plan->record.id}, {"would_delete", would}};
    out.summary = "Dry run: undoing change " + id + " would delete " + std::to_string(would.size()) +
                  " object(s); nothing changed.";
    return out;
  }
  for (size_t i : order) {
    const auto& target = plan->targets[i];
    graph::GraphRequest write;
    write.path = target.item.object_id;
    write.idempotent = true;  // setting values, or deleting, twice leaves the same state
    if (plan->deletes) {
      write.method = "DELETE";
    } else {
      write.method = "POST";
      write.params = target.params;
      apply_dry_run(args, write.params);
    }
    writes.push_back(std::move(write));
  }
  ctx.report((plan->deletes ? "deleting " : "restoring ") + std::to_string(writes.size()) + " object(s)");
  std::vector<core::Result<nlohmann::json>> results;
  if (writes.size() == 1) {
    results.push_back(plan->deletes ? ctx.graph.del(writes[0].path)
                                    : ctx.graph.post(writes[0].path, writes[0].params, graph::Idempotent::Yes));
  } else {
    results = ctx.graph.batch(writes, true);
  }
  store::ChangeSet change;
  change.undo_of = plan->record.id;
  auto items = nlohmann::json::array();
  size_t done = 0;
  std::optional<core::Error> first_error;
  for (size_t k = 0; k < results.size() && k < order.size(); ++k) {
    const auto& target = plan->targets[order[k]];
    core::Result<void> outcome = results[k] ? graph::expect_success(*results[k], target.item.object_id)
                                            : core::Result<void>(std::unexpected(results[k].error()));
    store::ChangeItem item{target.item.kind, target.item.object_id, target.item.account_id,
                           plan->deletes ? "delete" : "update"};
    nlohmann::json shown = {{"kind", target.item.kind}, {"object_id", target.item.object_id},
                            {"name", target.current.value("name", "")}};
    if (plan->deletes) {
      item.fields["name"] = {{"before", target.current.value("name", "")}, {"after", nullptr}};
    } else {
      for (const auto& [field, value] : target.item.fields.items()) {
        item.fields[field] = {{"before", target.current.value(field, nlohmann::json())},
                              {"after", value.value("before", nlohmann::json())}};
        shown["changes"][field] = {
            {"before", undo_value_text(field, target.current.value(field, nlohmann::json()), target.currency)},
            {"after", undo_value_text(field, value.value("before", nlohmann::json()), target.currency)}};
      }
    }
    if (!outcome) {
      item.ok = false;
      item.error = outcome.error().message;
      shown["error"] = core::to_json(outcome.error());
      if (!first_error) first_error = outcome.error();
    } else {
      ++done;
    }
    shown["ok"] = item.ok;
    items.push_back(std::move(shown));
    change.items.push_back(std::move(item));
  }
  // One object, and Meta refused: the call failed and nothing changed.
  if (results.size() == 1 && first_error) {
    auto error = *first_error;
    if (!plan->deletes && plan->targets.front().item.fields.contains("special_ad_categories")) {
      // Meta's docs say new and edited campaigns must declare their special ad categories (FBD marketing-api/
      // audiences/special-ad-category), so the emulator lets an update set them. Third-party guides say the category
      // cannot change after creation, but no Meta error code for that refusal was found (searched docs/issues/code,
      // issue 14): whatever Meta answers is passed on, with what to do instead.
      error.hint = (error.hint.empty() ? "" : error.hint + "; ") +
                   "Meta did not let campaign " + plan->targets.front().item.object_id +
                   "'s special_ad_categories go back: when a campaign's categories cannot change, make a new campaign "
                   "with the categories wanted (create_campaign) and build its ad sets and ads there";
    }
    // Putting back an account's limit is one of Meta's 10 spending-limit changes a day (code 17, subcode 1885172,
    // FBD/marketing-api/overview/rate-limiting; update_spending_limit words it the same).
    if (error.graph && error.graph->code == 17 && error.graph->error_subcode == 1885172) {
      error.kind = core::ErrorKind::RateLimited;
      error.message = "change " + id + " was not undone: Meta allows only 10 changes to an ad account's spending "
                      "limit per day, and this account has had them today; nothing was changed";
      error.hint = "undo_change {\"change_id\": " + id + "} again tomorrow (waiting 24 hours is safe)";
    }
    return std::unexpected(error);
  }
  // undo_of: the change put back; the router adds this undo's own journal row as change_id.
  out.data = {{"undo_of", plan->record.id}, {"op", plan->record.op}, {"items", items}};
  if (dry_run) {
    out.data["dry_run"] = true;
    out.summary = "Dry run: Meta accepted putting back change " + id + " (" + plan->record.op + "); nothing changed.";
    return out;
  }
  out.change = std::move(change);
  const std::string failed = done < results.size()
                                 ? "; " + std::to_string(results.size() - done) + " failed (see each item)"
                                 : "";
  out.summary = plan->deletes
                    ? "Undid change " + id + " (" + plan->record.op + "): deleted " + std::to_string(done) +
                          " object(s)" + failed + "."
                    : "Undid change " + id + " (" + plan->record.op + "): put back the earlier values of " +
                          std::to_string(done) + " object(s)" + failed + ".";
  if (!plan->deletes && plan->targets.size() == 1 && done == 1) {
    out.summary += "\n" + describe_changes(items[0].value("changes", nlohmann::json::object()));
  }
  out.table_columns = {"kind", "object_id", "name", "ok"};
  return out;
}

}  // namespace

void register_undo_change_op(tool::OpRegistry& registry) {
  registry.add({"undo_change", "journal",
                "Put a journaled change back (updates: earlier values; creates: delete); refused if edited since",
                tool::Effect::Write, false, undo_change, undo_needs_confirmation});
}

}  // namespace fbmcp::ops
