// list_changes: the change journal, newest first, filtered by account, object, op and time window. A row is one
// call; a bulk call's row lists its items (the first few when there are many, with how many in all).
#include <charconv>

#include "core/calendar_day.hpp"
#include "core/text.hpp"
#include "graph/graph_time.hpp"
#include "ops/all_ops.hpp"
#include "ops/journal/journal_ops.hpp"
#include "tool/op_context.hpp"

namespace fbmcp::ops {
namespace {

using tool::OpContext;
using tool::OpOutput;

constexpr size_t kJournalItemsShown = 10;

core::Error journal_arg_error(const std::string& path, std::string message, std::string hint) {
  return core::Error{core::ErrorKind::InvalidArgs, std::move(message), std::move(hint), path, std::nullopt, nullptr};
}

// "2026-11-23" (that day, 00:00 UTC) or a Graph datetime ("2026-11-23T12:00:00+0000") → Unix seconds.
core::Result<int64_t> journal_time_arg(const nlohmann::json& args, const char* key) {
  const std::string text = args[key].get<std::string>();
  if (const auto day = core::parse_calendar_day(text)) return static_cast<int64_t>(*day) * 86400;
  if (const auto time = graph::parse_graph_time(text)) return *time;
  return std::unexpected(journal_arg_error(key, std::string(key) + " '" + text + "' is not a date or a time",
                                           "give a day (2026-11-23) or a time (2026-11-23T12:00:00+0000)"));
}

nlohmann::json change_row(const store::ChangeRecord& record) {
  nlohmann::json row = store::to_json(record);
  row["at"] = core::utc_time(record.at, "");
  if (record.token_label.empty()) row.erase("token_label");
  auto& items = row["items"];
  const size_t total = items.size();
  if (total > kJournalItemsShown) {
    items.erase(items.begin() + kJournalItemsShown, items.end());
    row["items_total"] = total;
  }
  // One line for the text table: the objects touched.
  std::string objects;
  for (size_t i = 0; i < record.change.items.size() && i < 3; ++i) {
    const auto& item = record.change.items[i];
    objects += (i ? ", " : "") + item.action + " " + item.kind + " " + item.object_id;
  }
  if (total > 3) objects += " (+" + std::to_string(total - 3) + " more)";
  row["objects"] = objects;
  return row;
}

core::Result<OpOutput> list_changes(const nlohmann::json& args, OpContext& ctx) {
  if (!ctx.journal) {
    return core::fail(core::ErrorKind::Internal, "this server has no change journal", "it is a bug: report it");
  }
  store::ChangeFilter filter;
  if (args.contains("ad_account_id")) {
    auto act = tool::normalize_account_id(args["ad_account_id"].get<std::string>());
    if (!act) return std::unexpected(act.error());
    filter.account_id = *act;
  }
  filter.object_id = args.value("object_id", "");
  filter.op = args.value("op", "");
  for (const char* key : {"since", "until"}) {
    if (!args.contains(key)) continue;
    auto time = journal_time_arg(args, key);
    if (!time) return std::unexpected(time.error());
    (std::string(key) == "since" ? filter.since : filter.until) = *time;
  }
  if (filter.since && filter.until && filter.until <= filter.since) {
    return std::unexpected(journal_arg_error("until", "until must be later than since",
                                             "e.g. since 2026-11-01 and until 2026-11-24"));
  }
  int64_t before_id = 0;
  if (args.contains("after")) {
    const std::string after = args["after"].get<std::string>();
    const auto [end, error] = std::from_chars(after.data(), after.data() + after.size(), before_id);
    if (error != std::errc() || end != after.data() + after.size() || before_id <= 0) {
      return std::unexpected(journal_arg_error("after", "after is not a cursor this op handed out",
                                               "pass paging.after from a previous list_changes result"));
    }
  }
  auto page = ctx.journal->list(filter, static_cast<size_t>(args.value("limit", 20)), before_id);
  if (!page) return std::unexpected(page.error());
  OpOutput out;
  auto items = nlohmann::json::array();
  for (const auto& record : page->records) {
    items.push_back(change_row(record));
    out.row_cursors.push_back(std::to_string(record.id));
  }
  out.data = {{"items", items}, {"count", items.size()}};
  if (page->has_more) out.paging = nlohmann::json{{"after", out.row_cursors.back()}, {"has_more", true}};
  if (items.empty()) {
    out.summary = before_id ? "No older changes." : "No changes journaled that match.";
    // Worded the same in both modes (golden cases hold over HTTP too); README says fake mode's lasts a process.
    out.summary += " The journal records every write that reached Meta through this server.";
  } else {
    out.summary = std::to_string(items.size()) + " change(s), newest first" +
                  (page->has_more ? " (more available)" : "") + "; undo_change {\"change_id\": …} puts one back:";
    out.table_columns = {"change_id", "at", "op", "objects", "outcome"};
  }
  return out;
}

}  // namespace

void register_list_changes_op(tool::OpRegistry& registry) {
  registry.add({"list_changes", "journal",
                "The change journal: every write made through this server, newest first, with before/after values",
                tool::Effect::Read, true, list_changes, {}});
}

}  // namespace fbmcp::ops
