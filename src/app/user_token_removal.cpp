#include "app/user_token_removal.hpp"

#include <unistd.h>

#include "app/token_store_access.hpp"
#include "store/client_page_store.hpp"

namespace fbmcp::app {

core::Result<size_t> remove_user_tokens(const std::string& data_dir, const std::string& user_id) {
  if (user_id.empty()) return 0;
  // The user's client page mappings go too (their page tokens came from the user's token). Removing never
  // decrypts, so no key is needed.
  if (::access(store::client_pages_db_path(data_dir).c_str(), F_OK) == 0) {
    auto pages = store::ClientPageStore::open(store::client_pages_db_path(data_dir), "");
    if (!pages) return std::unexpected(pages.error());
    if (auto gone = (*pages)->remove_for_user(user_id); !gone) return std::unexpected(gone.error());
  }
  // No store yet: nothing to remove, and no key file is created for nothing.
  if (::access((data_dir + "/tokens.db").c_str(), F_OK) != 0) return 0;
  auto opened = open_store(data_dir);
  if (!opened) return std::unexpected(opened.error());
  auto rows = opened->tokens->list();
  if (!rows) return std::unexpected(rows.error());
  size_t removed = 0;
  for (const auto& row : *rows) {
    if (row.metadata.user_id != user_id) continue;
    if (auto gone = opened->tokens->remove(row.label); !gone) return std::unexpected(gone.error());
    ++removed;
  }
  return removed;
}

}  // namespace fbmcp::app
