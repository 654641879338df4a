#include "app/user_token_removal.hpp"

#include <unistd.h>

#include "app/token_store_access.hpp"

namespace fbmcp::app {

core::Result<size_t> remove_user_tokens(const std::string& data_dir, const std::string& user_id) {
  // No store yet: nothing to remove, and no key file is created for nothing.
  if (user_id.empty() || ::access((data_dir + "/tokens.db").c_str(), F_OK) != 0) return 0;
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
