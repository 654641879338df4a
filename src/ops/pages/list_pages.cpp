// list_pages: the Facebook pages of every identity this server holds — each active stored token and the process
// token (the environment's, or fake mode's fixture user) — with the token that reaches each page. A token Graph
// refuses with 190 is marked in the store (TokenAccess::record_token_error, keyed on code and subcode) and skipped
// with a warning; any other failure (a throttle, say) is skipped with a warning and never marks the token.
#include <map>

#include "auth/token_health.hpp"
#include "ops/all_ops.hpp"
#include "ops/auth/token_subject.hpp"
#include "ops/pages/page_rows.hpp"
#include "ops/pages/pages_ops.hpp"
#include "tool/op_context.hpp"

namespace fbmcp::ops {
namespace {

using tool::OpContext;
using tool::OpOutput;

struct PageIdentity {
  std::string label;   // stored label, or "" for the process token
  std::string shown;   // what rows and warnings call it: the label, or "server" for the process token
  std::string value;
};

std::string list_pages_failure(const core::Error& error) {
  if (error.graph) {
    return "Graph error " + std::to_string(error.graph->code) +
           (error.graph->error_subcode ? "/" + std::to_string(error.graph->error_subcode) : std::string()) + ": " +
           error.message;
  }
  return error.message;
}

core::Result<OpOutput> list_pages(const nlohmann::json& args, OpContext& ctx) {
  auto tokens = token_access(ctx);
  if (!tokens) return std::unexpected(tokens.error());
  const size_t limit = static_cast<size_t>(args.value("limit", 100));
  std::vector<PageIdentity> identities;
  std::vector<std::string> warnings;
  const auto& process = (*tokens)->process();
  if (process.source != auth::TokenSource::Stored) {
    // "server": the same name in fake mode (the fixture user) and live (the environment's token).
    identities.push_back({"", "server", process.value});
  }
  auto store = (*tokens)->store(false);
  if (!store) return std::unexpected(store.error());
  if (*store) {
    auto listed = (*store)->list();
    if (!listed) return std::unexpected(listed.error());
    for (const auto& info : *listed) {
      if (info.status != "active") {
        warnings.push_back("token '" + info.label + "' is " + info.status +
                           ": skipped (verify_token re-checks it, login renews it)");
        continue;
      }
      auto value = (*tokens)->token_value(info.label);
      if (!value) return std::unexpected(value.error());
      identities.push_back({info.label, info.label, *value});
    }
  }

  auto items = nlohmann::json::array();
  std::map<std::string, size_t> row_of_page;
  auto per_token = nlohmann::json::array();
  std::optional<core::Error> first_failure;
  for (const auto& identity : identities) {
    if (ctx.is_cancelled()) return core::fail(core::ErrorKind::Internal, "list_pages was cancelled");
    auto client = (*tokens)->client_for(identity.value);
    auto page = client->list("me/accounts", graph::Params{{"fields", kPageRowFields}}, limit);
    if (!page) {
      const auto& error = page.error();
      const bool token_refused = error.graph && error.graph->code == auth::kTokenErrorCode;
      if (token_refused) (*tokens)->record_token_error(identity.label, error.graph->error_subcode);
      warnings.push_back("token '" + identity.shown + "' skipped: " + list_pages_failure(error) +
                         (token_refused && !identity.label.empty()
                              ? " (marked " + auth::status_for_token_error(error.graph->error_subcode) +
                                    " in the store; log in again to renew it)"
                              : std::string()));
      per_token.push_back({{"token", identity.shown}, {"ok", false}, {"pages", 0}});
      if (!first_failure) first_failure = error;
      continue;
    }
    size_t count = 0;
    for (const auto& raw : page->items) {
      auto row = shape_page_row(raw, "me/accounts");
      if (!row) return std::unexpected(row.error());
      ++count;
      const std::string id = (*row)["page_id"].get<std::string>();
      if (const auto seen = row_of_page.find(id); seen != row_of_page.end()) {
        items[seen->second]["also_via"].push_back(identity.shown);
        continue;
      }
      (*row)["token"] = identity.shown;
      (*row)["also_via"] = nlohmann::json::array();
      row_of_page[id] = items.size();
      items.push_back(std::move(*row));
    }
    if (page->after) {
      warnings.push_back("token '" + identity.shown + "' reaches more than " + std::to_string(limit) +
                         " pages; raise limit to see them all");
    }
    per_token.push_back({{"token", identity.shown}, {"ok", true}, {"pages", count}});
  }
  if (items.empty() && first_failure && per_token.size() == 1) return std::unexpected(*first_failure);
  for (auto& row : items) {
    if (row["also_via"].empty()) row.erase("also_via");
  }

  OpOutput out;
  out.data = {{"items", items}, {"count", items.size()}, {"tokens", per_token}};
  out.warnings = std::move(warnings);
  out.table_columns = {"page_id", "name", "category", "instagram_business_account_id", "token"};
  out.summary = std::to_string(items.size()) + " page(s) across " + std::to_string(identities.size()) +
                " token(s)" + (first_failure ? " (some tokens failed: see warnings)" : std::string()) + ":";
  return out;
}

}  // namespace

void register_list_pages_op(tool::OpRegistry& registry) {
  registry.add({"list_pages", "pages",
                "Facebook pages of every stored token and the server's own: id, name, category, picture, Instagram "
                "account, which token reaches it",
                tool::Effect::Read, true, list_pages, {}});
}

}  // namespace fbmcp::ops
