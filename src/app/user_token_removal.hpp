// What a deauthorize or data-deletion callback does to the token store: every stored token of one app-scoped user
// goes (the user removed the app, so those tokens are dead anyway, and keeping them would keep their data).
#pragma once
#include <cstddef>
#include <string>

#include "core/error.hpp"

namespace fbmcp::app {

// Removes the tokens of `user_id` from <data_dir>/tokens.db and says how many (0 when there is no store), and the
// client page mappings made with their tokens (client_pages.db). Listing and removing never decrypt, so a token
// sealed under a lost key is removed all the same.
core::Result<size_t> remove_user_tokens(const std::string& data_dir, const std::string& user_id);

}  // namespace fbmcp::app
