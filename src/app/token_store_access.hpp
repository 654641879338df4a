// Opening the encrypted token store the way every command does (token, login): the key from FACEBOOK_MCP_KEY or the
// key file, and an interrupted rotate-key finished first.
#pragma once
#include <memory>
#include <string>

#include "core/error.hpp"
#include "store/store_key.hpp"
#include "store/token_store.hpp"

namespace fbmcp::app {

struct OpenedStore {
  std::string data_dir;
  store::StoreKey key;
  std::unique_ptr<store::TokenStore> tokens;
};

core::Result<OpenedStore> open_store(const std::string& data_dir);

}  // namespace fbmcp::app
