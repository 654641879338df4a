// The link an op means when it is given a client_id (link_client_page made it): the only one of that client, or the
// one with `page_id` when the client has several.
#pragma once
#include <memory>
#include <string>

#include "core/error.hpp"
#include "store/client_page_store.hpp"
#include "tool/op_context.hpp"

namespace fbmcp::ops {

core::Result<store::ClientPage> client_mapping(tool::OpContext& ctx, const std::string& client_id,
                                               const std::string& page_id);
// The mapping's page token, for page-scoped reads (page insights, posts); never shown.
core::Result<std::string> client_page_token(tool::OpContext& ctx, const store::ClientPage& mapping);

// A page-scoped read (insights, posts) needs the page's own token: a linked client's stored one, or — given a
// page_id — the one Graph hands the acting token for a page it has a role on.
struct PageAccess {
  std::string page_id;
  std::unique_ptr<graph::GraphClient> client;  // acts with the page token
};
core::Result<PageAccess> page_access(tool::OpContext& ctx, const nlohmann::json& args);

}  // namespace fbmcp::ops
