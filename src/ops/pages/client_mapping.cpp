#include "ops/pages/client_mapping.hpp"

#include "core/redact.hpp"
#include "tool/op_spec.hpp"
#include "graph/json_fields.hpp"
#include "ops/auth/token_subject.hpp"
#include "ops/common/money_args.hpp"

namespace fbmcp::ops {

core::Result<store::ClientPage> client_mapping(tool::OpContext& ctx, const std::string& client_id,
                                               const std::string& page_id) {
  auto tokens = token_access(ctx);
  if (!tokens) return std::unexpected(tokens.error());
  auto store = (*tokens)->client_pages();
  if (!store) return std::unexpected(store.error());
  auto rows = (*store)->list(client_id);
  if (!rows) return std::unexpected(rows.error());
  if (rows->empty()) {
    return std::unexpected(invalid_args("client '" + client_id + "' is linked to no page",
                                        "link it with link_client_page, or see the links with list_client_pages",
                                        "args.client_id"));
  }
  if (page_id.empty()) {
    if (rows->size() == 1) return rows->front();
    std::string pages;
    for (const auto& row : *rows) pages += (pages.empty() ? "" : ", ") + row.page_id;
    return std::unexpected(invalid_args("client '" + client_id + "' is linked to several pages (" + pages + ")",
                                        "add page_id to say which", "args.page_id"));
  }
  for (const auto& row : *rows) {
    if (row.page_id == page_id) return row;
  }
  return std::unexpected(invalid_args("client '" + client_id + "' is not linked to page " + page_id,
                                      "list_client_pages shows the links", "args.page_id"));
}

core::Result<std::string> client_page_token(tool::OpContext& ctx, const store::ClientPage& mapping) {
  auto tokens = token_access(ctx);
  if (!tokens) return std::unexpected(tokens.error());
  auto store = (*tokens)->client_pages();
  if (!store) return std::unexpected(store.error());
  auto token = (*store)->page_token(mapping.client_id, mapping.page_id);
  if (token) core::register_secret(*token);
  return token;
}

core::Result<PageAccess> page_access(tool::OpContext& ctx, const nlohmann::json& args) {
  auto tokens = token_access(ctx);
  if (!tokens) return std::unexpected(tokens.error());
  const bool by_client = args.contains("client_id");
  if (!by_client && !args.contains("page_id")) {
    return std::unexpected(invalid_args("give page_id or client_id", "list_pages and list_client_pages show them",
                                        "args.page_id"));
  }
  if (by_client) {
    auto mapping = client_mapping(ctx, args["client_id"].get<std::string>(), args.value("page_id", ""));
    if (!mapping) return std::unexpected(mapping.error());
    auto token = client_page_token(ctx, *mapping);
    if (!token) return std::unexpected(token.error());
    return PageAccess{mapping->page_id, (*tokens)->client_for(*token)};
  }
  const std::string page_id = args["page_id"].get<std::string>();
  auto page = ctx.graph.get(page_id, {{"fields", "id,access_token"}});
  if (!page) return std::unexpected(page.error());
  const auto token = graph::read_string(*page, "access_token");
  if (!token) return std::unexpected(graph::unexpected_shape(page_id, token.error()));
  if (!*token || (*token)->empty()) {
    return core::fail(core::ErrorKind::PermissionDenied,
                      "the acting token has no role on page " + page_id + ", so Graph gives no page token for it",
                      "list_pages shows which stored token reaches the page: pass its label as `token`");
  }
  core::register_secret(**token);
  return PageAccess{page_id, (*tokens)->client_for(**token)};
}

}  // namespace fbmcp::ops
