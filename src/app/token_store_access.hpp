// Opening the encrypted token store the way every command does (token, login): the key from FACEBOOK_MCP_KEY or the
// key file, and an interrupted rotate-key finished first.
#pragma once
#include <memory>
#include <string>

#include "core/error.hpp"
#include "core/settings.hpp"
#include "store/store_key.hpp"
#include "store/token_store.hpp"

namespace fbmcp::app {

struct OpenedStore {
  std::string data_dir;
  store::StoreKey key;
  std::unique_ptr<store::TokenStore> tokens;
};

core::Result<OpenedStore> open_store(const std::string& data_dir);

// Without FACEBOOK_ACCESS_TOKEN, and unless fake mode was asked for, the stored default token (facebook-mcp login
// or token add) is the token, in live mode. Never creates a store or a key: with neither there is nothing stored.
// A store that cannot be opened is reported on stderr and the settings are left as they were.
void use_stored_token(core::Settings& settings);

}  // namespace fbmcp::app
