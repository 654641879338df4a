// Pages in the emulator: the page access tokens /me/accounts hands out (one per page per user token, as Graph's
// `access_token` field of /me/accounts rows — graph-api-facts.md "Instagram", FBD/instagram-api), and where such a
// token is accepted: only on its own page.
#pragma once
#include <nlohmann/json.hpp>
#include <optional>
#include <string>

#include "fake/graph_error.hpp"
#include "fake/write_context.hpp"

namespace fbmcp::fake {

// "EAAPage<page_id>Z<24 hex>": the hex part is derived from the user token, so two users' tokens for one page
// differ, and the page id can be read back without keeping state (a fake-graph restart keeps them valid).
std::string page_token_for(const std::string& user_token, const std::string& page_id);
// The page a page token is for; "" when `token` is not one of the emulator's page tokens.
std::string page_of_token(const std::string& token);

// /me/accounts rows asked for `access_token` get the calling user's page token for that page.
void add_page_tokens(nlohmann::json& body, const ParamMap& params);

// GET /<page>?fields=access_token (Page reference: returned only to a user with a role on the page): the caller's
// page token when `caller` (the calling user) has the page among its accounts; nothing otherwise.
void add_own_page_token(nlohmann::json& body, const ParamMap& params, const std::string& page_id,
                        const nlohmann::json* caller);

// A page token used on anything but its page (the page node, its edges, its posts "<page>_<post>"): Graph's
// unsupported-request error (code 100, subcode 33), the answer for an object the token cannot see.
std::optional<GraphError> check_page_token_scope(const ParamMap& params, const std::string& method,
                                                 const std::string& object_id);

}  // namespace fbmcp::fake
