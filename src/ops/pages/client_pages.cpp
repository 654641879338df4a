// link_client_page, list_client_pages, unlink_client_page: which page (and Instagram account) serves a client.
// Linking reads the page with the acting token — its page access token (Graph Page field `access_token`, returned
// only to a user with a role on the page) and instagram_business_account — and keeps the page token sealed in the
// client page store (store/client_page_store.hpp). No result or log line ever holds the page token.
#include "core/redact.hpp"
#include "graph/json_fields.hpp"
#include "ops/all_ops.hpp"
#include "ops/auth/token_subject.hpp"
#include "ops/common/money_args.hpp"
#include "ops/pages/page_rows.hpp"
#include "ops/pages/pages_ops.hpp"

namespace fbmcp::ops {
namespace {

using tool::OpContext;
using tool::OpOutput;

core::Result<store::ClientPageStore*> client_page_store(OpContext& ctx) {
  auto tokens = token_access(ctx);
  if (!tokens) return std::unexpected(tokens.error());
  return (*tokens)->client_pages();
}

core::Result<OpOutput> link_client_page(const nlohmann::json& args, OpContext& ctx) {
  const std::string client_id = args["client_id"].get<std::string>();
  const std::string page_id = args["page_id"].get<std::string>();
  auto page = ctx.graph.get(page_id, {{"fields", std::string(kPageRowFields) + ",access_token"}});
  if (!page) return std::unexpected(page.error());
  auto row = shape_page_row(*page, page_id);
  if (!row) return std::unexpected(row.error());
  const auto page_token = graph::read_string(*page, "access_token");
  if (!page_token) return std::unexpected(graph::unexpected_shape(page_id, page_token.error()));
  if (!*page_token || (*page_token)->empty()) {
    const std::string who = ctx.token_label.empty() ? std::string("this server's token") : "token '" + ctx.token_label + "'";
    return core::fail(core::ErrorKind::PermissionDenied,
                      who + " has no role on page " + page_id + ": Graph gave no page access token for it",
                      "list_pages shows which token reaches which page; pass that token's label as `token`");
  }
  core::register_secret(**page_token);
  auto me = ctx.graph.get("me", {{"fields", "id"}});
  if (!me) return std::unexpected(me.error());
  const auto user_id = graph::read_string(*me, "id");
  if (!user_id) return std::unexpected(graph::unexpected_shape("me", user_id.error()));

  store::ClientPage mapping;
  mapping.client_id = client_id;
  mapping.page_id = page_id;
  mapping.page_name = (*row)["name"].get<std::string>();
  mapping.ig_user_id = (*row)["instagram_business_account_id"].is_string()
                           ? (*row)["instagram_business_account_id"].get<std::string>()
                           : std::string();
  mapping.token_label = ctx.token_label;
  mapping.user_id = user_id->value_or("");
  OpOutput out;
  if (dry_run_requested(args)) {
    out = dry_run_output("link client '" + client_id + "' to page " + page_id + " (" + mapping.page_name + ")");
    out.data["mapping"] = store::to_json(mapping);
    out.data["mapping"]["page_token_stored"] = false;
    return out;
  }
  auto store = client_page_store(ctx);
  if (!store) return std::unexpected(store.error());
  auto created = (*store)->put(mapping, **page_token);
  if (!created) return std::unexpected(created.error());
  out.data = store::to_json(mapping);
  out.data["created"] = *created;
  out.summary = std::string(*created ? "Linked" : "Updated the link of") + " client '" + client_id + "' to page " +
                page_id + " (" + mapping.page_name + ")" +
                (mapping.ig_user_id.empty() ? ", which has no Instagram business account"
                                            : ", Instagram account " + mapping.ig_user_id) +
                "; its page token is stored encrypted.";
  return out;
}

core::Result<OpOutput> list_client_pages(const nlohmann::json& args, OpContext& ctx) {
  auto store = client_page_store(ctx);
  if (!store) return std::unexpected(store.error());
  const std::string client_id = args.value("client_id", "");
  auto rows = (*store)->list(client_id);
  if (!rows) return std::unexpected(rows.error());
  auto items = nlohmann::json::array();
  for (const auto& mapping : *rows) items.push_back(store::to_json(mapping));
  OpOutput out;
  out.data = {{"items", items}, {"count", items.size()}};
  out.table_columns = {"client_id", "page_id", "page_name", "instagram_business_account_id", "token"};
  if (items.empty()) {
    out.summary = client_id.empty() ? "No client is linked to a page yet; link one with link_client_page."
                                    : "Client '" + client_id + "' is linked to no page; link one with link_client_page.";
    return out;
  }
  out.summary = std::to_string(items.size()) + " client page link(s)" +
                (client_id.empty() ? std::string() : " of client '" + client_id + "'") + ":";
  return out;
}

core::Result<OpOutput> unlink_client_page(const nlohmann::json& args, OpContext& ctx) {
  const std::string client_id = args["client_id"].get<std::string>();
  const std::string page_id = args["page_id"].get<std::string>();
  auto store = client_page_store(ctx);
  if (!store) return std::unexpected(store.error());
  auto found = (*store)->find(client_id, page_id);
  if (!found) return std::unexpected(found.error());
  if (!*found) {
    return std::unexpected(invalid_args("client '" + client_id + "' is not linked to page " + page_id,
                                        "list_client_pages shows the links", "args.page_id"));
  }
  if (dry_run_requested(args)) {
    return dry_run_output("unlink client '" + client_id + "' from page " + page_id + " and forget its page token");
  }
  auto removed = (*store)->remove(client_id, page_id);
  if (!removed) return std::unexpected(removed.error());
  OpOutput out;
  out.data = {{"client_id", client_id}, {"page_id", page_id}, {"removed", *removed}};
  out.summary = "Unlinked client '" + client_id + "' from page " + page_id + "; its stored page token is deleted.";
  return out;
}

}  // namespace

void register_client_page_ops(tool::OpRegistry& registry) {
  registry.add({"link_client_page", "pages",
                "Link a client to a page: stores the page token encrypted and detects its Instagram account",
                tool::Effect::Write, true, link_client_page, {},
                /*local_only: reads the page's token and keeps it here; nothing changes at Meta*/ true});
  registry.add({"list_client_pages", "pages", "The client ↔ page links: page, Instagram account, token used",
                tool::Effect::Read, true, list_client_pages, {}});
  registry.add({"unlink_client_page", "pages", "Remove a client ↔ page link and its stored page token",
                tool::Effect::Write, true, unlink_client_page, {},
                /*local_only: forgets a link kept here; nothing changes at Meta*/ true});
}

}  // namespace fbmcp::ops
