#include "app/token_store_access.hpp"

#include <unistd.h>

#include <cstdlib>
#include <iostream>

#include "core/redact.hpp"
#include "store/idempotency_store.hpp"

namespace fbmcp::app {
namespace {

// store.key.new exists when rotate-key stopped between its commit and the rename: the key that opens the store wins.
core::Result<void> finish_interrupted_rotation(OpenedStore& opened) {
  const std::string pending = opened.key.file + ".new";
  if (opened.key.source != store::KeySource::File || ::access(pending.c_str(), F_OK) != 0) return {};
  if (opened.tokens->key_matches()) {
    ::unlink(pending.c_str());  // the rotation never committed
    return {};
  }
  auto pending_key = store::read_key_file(pending);
  if (!pending_key) return std::unexpected(pending_key.error());
  auto with_pending = store::TokenStore::open(opened.data_dir + "/tokens.db", *pending_key);
  if (!with_pending) return std::unexpected(with_pending.error());
  if (!(*with_pending)->key_matches()) return {};  // neither key opens it: reported by the command itself
  if (::rename(pending.c_str(), opened.key.file.c_str()) != 0) {
    return core::fail(core::ErrorKind::Internal, "cannot rename " + pending + " to " + opened.key.file,
                      "rename it by hand: mv " + pending + " " + opened.key.file);
  }
  std::cerr << "facebook-mcp: finished an interrupted rotate-key (" << opened.key.file << " replaced)\n";
  opened.key.bytes = std::move(*pending_key);
  opened.tokens = std::move(*with_pending);
  return {};
}

}  // namespace

core::Result<OpenedStore> open_store(const std::string& data_dir) {
  const char* variable = std::getenv(store::kKeyVariable);
  if (variable) core::register_secret(variable);
  auto key = store::load_store_key(data_dir, variable);
  if (!key) return std::unexpected(key.error());
  auto tokens = store::TokenStore::open(data_dir + "/tokens.db", key->bytes);
  if (!tokens) return std::unexpected(tokens.error());
  OpenedStore opened{data_dir, std::move(*key), std::move(*tokens)};
  if (auto finished = finish_interrupted_rotation(opened); !finished) return std::unexpected(finished.error());
  return opened;
}


void use_stored_token(core::Settings& settings) {
  if (!settings.access_token.empty() || (settings.mode == core::Mode::Fake && settings.mode_chosen)) return;
  const std::string data_dir = settings.data_dir.empty() ? store::default_data_dir() : settings.data_dir;
  const bool has_key = std::getenv(store::kKeyVariable) || ::access((data_dir + "/store.key").c_str(), F_OK) == 0;
  if (!has_key || ::access((data_dir + "/tokens.db").c_str(), F_OK) != 0) return;
  auto opened = open_store(data_dir);
  if (!opened) {
    std::cerr << "facebook-mcp: the stored tokens cannot be read (" << core::redact(opened.error().message)
              << "); going on without them\n";
    return;
  }
  auto rows = opened->tokens->list();
  if (!rows) return;
  for (const auto& row : *rows) {
    if (!row.is_default || row.status != "active") continue;
    auto token = opened->tokens->get_token(row.label);
    if (!token) {
      std::cerr << "facebook-mcp: stored token '" << row.label << "' cannot be read ("
                << core::redact(token.error().message) << "); going on without it\n";
      return;
    }
    core::register_secret(*token);
    settings.access_token = std::move(*token);
    settings.token_label = row.label;
    settings.token_expires_at = row.metadata.expires_at;
    if (!settings.mode_chosen) {
      settings.mode = core::Mode::Live;
      settings.mode_reason = "stored token '" + row.label + "' (the default; facebook-mcp token list shows them)";
    }
    return;
  }
}

}  // namespace fbmcp::app
