// add_audience_users, remove_audience_users, replace_audience_users: a customer list given inline (`customers`, one
// object per person) or as a CSV file with a header (`csv_path`), normalized and SHA-256 hashed here as Meta
// specifies (customer_key.hpp), then sent in sessions of ≤10,000-row batches (customer_upload.hpp). Raw identifiers
// never leave this file's process: results, errors and progress carry counts and row numbers only.
#include <array>

#include "ops/all_ops.hpp"
#include "ops/audiences/audience_view.hpp"
#include "ops/audiences/audiences_ops.hpp"
#include "ops/audiences/customer_csv.hpp"
#include "ops/audiences/customer_upload.hpp"
#include "crypto/digest.hpp"

namespace fbmcp::ops {
namespace {

using tool::OpContext;
using tool::OpOutput;

// The inline keys, in the order they become columns (and Graph's schema).
constexpr std::array<const char*, 16> kInlineKeys = {"email", "phone", "fn", "ln", "fi", "zip", "ct", "st", "country",
                                                    "dob", "doby", "dobm", "dobd", "gen", "madid", "extern_id"};

constexpr size_t kInvalidRowsShown = 20;

core::Result<CustomerTable> inline_table(const nlohmann::json& customers) {
  CustomerTable table;
  for (const char* key : kInlineKeys) {
    for (const auto& person : customers) {
      if (person.contains(key)) {
        table.columns.push_back(key);
        break;
      }
    }
  }
  for (size_t i = 0; i < customers.size(); ++i) {
    std::vector<std::string> row;
    for (const auto& column : table.columns) {
      const auto it = customers[i].find(column);
      row.push_back(it != customers[i].end() && it->is_string() ? it->get<std::string>() : std::string());
    }
    table.rows.push_back(std::move(row));
    table.row_numbers.push_back(i + 1);
  }
  return table;
}

std::string verb_of(UploadMode mode) {
  return mode == UploadMode::Add ? "add" : mode == UploadMode::Remove ? "remove" : "replace";
}

// The rows the call gives, inline or from its CSV file, normalized and hashed; the raw values are dropped here.
core::Result<PreparedRows> customer_rows_of(const nlohmann::json& args) {
  const bool inline_rows = args.contains("customers");
  if (inline_rows == args.contains("csv_path")) {
    auto e = core::fail(core::ErrorKind::InvalidArgs, "give exactly one of customers or csv_path",
                        "customers: [{\"email\":\"…\",\"phone\":\"…\"}, …] inline, or csv_path: a CSV file whose "
                        "header names the columns (email,phone,fn,ln,zip,ct,st,country,dob,gen,madid,extern_id)");
    e.error().path = inline_rows ? "csv_path" : "customers";
    return e;
  }
  auto table = inline_rows ? inline_table(args["customers"]) : read_customer_csv(args["csv_path"].get<std::string>(), "csv_path");
  if (!table) return std::unexpected(table.error());
  return prepare_customer_rows(*table, inline_rows ? "customers" : "csv_path");
}

// The audience, when people can be added to or removed from it (a customer list); InvalidArgs otherwise.
core::Result<nlohmann::json> customer_list_audience(OpContext& ctx, const std::string& audience_id) {
  auto audience = fetch_audience(ctx, audience_id);
  if (!audience) return std::unexpected(audience.error());
  if (audience->value("subtype", "") == "CUSTOM") return audience;
  auto e = core::fail(core::ErrorKind::InvalidArgs,
                      "audience " + audience_id + " is a " + audience->value("subtype", "") +
                          " audience; people can be added to or removed from customer lists only",
                      "pick a customer-list audience (subtype CUSTOM) from list_audiences, or create one with create_custom_audience");
  e.error().path = "audience_id";
  return e;
}

// usersreplace empties the list of everyone not in these rows, and nothing can bring them back (undo_change refuses
// it), so it is confirmed like a delete. The token also binds a digest of the hashed rows: a CSV file edited after
// the preview makes the confirmation fail instead of replacing the members with rows nobody saw counted.
core::Result<std::optional<tool::ChangePreview>> confirm_replace(const nlohmann::json& args, OpContext& ctx) {
  auto prepared = customer_rows_of(args);
  if (!prepared) return std::unexpected(prepared.error());
  if (prepared->data.empty()) return std::nullopt;  // nothing will be sent, so nothing is replaced
  const std::string audience_id = args["audience_id"].get<std::string>();
  auto audience = customer_list_audience(ctx, audience_id);
  if (!audience) return std::unexpected(audience.error());
  std::string hashed = prepared->schema.dump();
  for (const auto& row : prepared->data) hashed += "\n" + row.dump();
  std::string rows_text = std::to_string(prepared->data.size()) + " row(s)";
  if (!prepared->invalid.empty()) rows_text += " (" + std::to_string(prepared->invalid.size()) + " more left out as invalid)";
  return tool::ChangePreview{"Replace every member of audience '" + audience->value("name", "") + "' (" + audience_id +
                                 ", " + audience_size_text(*audience) + ") with " + rows_text +
                                 "? People not in these rows leave the audience; this cannot be undone.",
                             {{"audience", *audience},
                              {"rows_valid", prepared->data.size()},
                              {"rows_invalid", prepared->invalid.size()}},
                             crypto::sha256_hex(hashed)};
}

core::Result<OpOutput> audience_users(UploadMode mode, const nlohmann::json& args, OpContext& ctx) {
  const std::string audience_id = args["audience_id"].get<std::string>();
  auto prepared = customer_rows_of(args);
  if (!prepared) return std::unexpected(prepared.error());

  auto invalid = nlohmann::json::array();
  for (size_t i = 0; i < prepared->invalid.size() && i < kInvalidRowsShown; ++i) {
    const auto& bad = prepared->invalid[i];
    invalid.push_back({{"row", bad.row}, {"column", bad.column}, {"reason", bad.reason}});
  }
  const size_t total = prepared->data.size() + prepared->invalid.size();
  OpOutput out;
  out.data = {{"audience_id", audience_id},
              {"operation", verb_of(mode)},
              {"schema", prepared->schema},
              {"rows_total", total},
              {"rows_valid", prepared->data.size()},
              {"rows_invalid", prepared->invalid.size()},
              {"invalid_rows", invalid}};
  if (prepared->invalid.size() > kInvalidRowsShown) out.data["invalid_rows_truncated"] = true;
  if (!prepared->invalid.empty()) {
    out.warnings.push_back(std::to_string(prepared->invalid.size()) + " row(s) not sent: see invalid_rows (row numbers and the column at fault)");
  }
  if (prepared->data.empty()) {
    out.summary = "Nothing sent: none of the " + std::to_string(total) + " row(s) holds a valid identifier.";
    return out;
  }
  const std::string rows_text = std::to_string(prepared->data.size()) + " row(s)";
  if (args.value("dry_run", false)) {
    out.data["dry_run"] = true;
    out.data["batches"] = (prepared->data.size() + 9'999) / 10'000;
    out.summary = "Dry run: " + rows_text + " normalized and hashed, ready to " + verb_of(mode) + "; nothing was sent.";
    return out;
  }
  auto before = customer_list_audience(ctx, audience_id);
  if (!before) return std::unexpected(before.error());
  UploadPlan plan;
  plan.audience_id = audience_id;
  plan.mode = mode;
  ctx.report(verb_of(mode) + ": sending " + rows_text + " to audience " + audience_id);
  out.data["upload"] = upload_customer_rows(ctx, plan, *prepared);
  const auto& upload = out.data["upload"];
  auto after = fetch_audience(ctx, audience_id);
  if (after) out.data["audience"] = *after;
  const size_t failed = upload.value("batches_failed", size_t{0});
  if (failed > 0) {
    out.warnings.push_back(std::to_string(failed) + " batch(es) failed: see upload.batches[].error; call again with the same rows to retry (the session is the same)");
  }
  const int64_t graph_invalid = upload.value("num_invalid_entries", int64_t{0});
  if (graph_invalid > 0) out.warnings.push_back("Meta counted " + std::to_string(graph_invalid) + " invalid entries (upload.batches[].invalid_rows)");
  // The journal keeps counts only: never a hashed or raw identifier (DESIGN §5, issue 14).
  const std::string account = before->value("account_id", "");
  store::ChangeItem item{"audience", audience_id, account.empty() ? "" : "act_" + account, verb_of(mode) + "_users"};
  if (failed > 0) {
    item.ok = failed < upload.value("batches_total", size_t{0});
    item.error = std::to_string(failed) + " batch(es) failed";
  }
  out.change = store::ChangeSet{{std::move(item)}};
  out.change->counts = {{"rows_sent", prepared->data.size()},
                        {"rows_invalid", prepared->invalid.size()},
                        {"batches_total", upload.value("batches_total", size_t{0})},
                        {"batches_failed", failed},
                        {"num_received", upload.value("num_received", int64_t{0})}};
  const std::string batches = " in " + std::to_string(upload.value("batches_total", size_t{0})) + " batch(es)";
  out.summary = mode == UploadMode::Add      ? "Added " + rows_text + " to audience " + audience_id + batches
                : mode == UploadMode::Remove ? "Removed " + rows_text + " from audience " + audience_id + batches
                                             : "Replaced the members of audience " + audience_id + " with " + rows_text + batches;
  if (after) {
    out.summary += "; now " + audience_size_text(*after);
    const auto status = after->value("delivery_status", nlohmann::json::object());
    if (status.is_object() && status.contains("description") && status["description"].is_string()) {
      out.summary += " (" + status["description"].get<std::string>() + ")";
    }
  }
  out.summary += ".";
  return out;
}

}  // namespace

void register_audience_user_ops(tool::OpRegistry& registry) {
  registry.add({"add_audience_users", "audiences",
                "Add customers (inline or CSV) to a customer-list audience; hashed with SHA-256 before sending",
                tool::Effect::Write, true,
                [](const nlohmann::json& a, OpContext& c) { return audience_users(UploadMode::Add, a, c); }, {}});
  registry.add({"remove_audience_users", "audiences",
                "Remove customers (inline or CSV) from a customer-list audience; hashed with SHA-256 before sending",
                tool::Effect::Write, true,
                [](const nlohmann::json& a, OpContext& c) { return audience_users(UploadMode::Remove, a, c); }, {}});
  registry.add({"replace_audience_users", "audiences",
                "Replace everyone in a customer-list audience with these customers (Graph usersreplace), hashed first; "
                "needs confirmation",
                tool::Effect::Destructive, true,
                [](const nlohmann::json& a, OpContext& c) { return audience_users(UploadMode::Replace, a, c); },
                confirm_replace});
}

}  // namespace fbmcp::ops
