#include "app/token_access_wiring.hpp"

#include <unistd.h>

#include <cstdlib>
#include <mutex>
#include <optional>

#include "app/token_store_access.hpp"
#include "crypto/hmac.hpp"
#include "fake/emulator_transport.hpp"
#include "store/idempotency_store.hpp"

namespace fbmcp::app {
namespace {

// The store and the started logins, opened once, when an op first needs them.
struct LazyAuthFiles {
  std::mutex mutex;
  std::string data_dir;  // "" = in memory (fake mode)
  std::optional<OpenedStore> opened;
  std::unique_ptr<store::TokenStore> memory_tokens;
  std::unique_ptr<auth::LoginStates> states;

  core::Result<store::TokenStore*> tokens(bool create) {
    std::lock_guard lock(mutex);
    if (data_dir.empty()) {
      if (!memory_tokens) {
        // Fake mode's store: in memory under a throwaway key, gone with the process.
        auto opened_memory = store::TokenStore::open(":memory:", crypto::random_bytes(32));
        if (!opened_memory) return std::unexpected(opened_memory.error());
        memory_tokens = std::move(*opened_memory);
      }
      return memory_tokens.get();
    }
    if (opened) return opened->tokens.get();
    // Reading never creates a key file or a store: with neither, nothing is stored.
    const bool has_key = std::getenv(store::kKeyVariable) || ::access((data_dir + "/store.key").c_str(), F_OK) == 0;
    if (!create && (!has_key || ::access((data_dir + "/tokens.db").c_str(), F_OK) != 0)) return nullptr;
    auto store = open_store(data_dir);
    if (!store) return std::unexpected(store.error());
    opened = std::move(*store);
    return opened->tokens.get();
  }

  // Client page mappings: sealed with the token store's key, so the store (and its key) is made when needed.
  std::unique_ptr<store::ClientPageStore> client_pages;
  core::Result<store::ClientPageStore*> pages() {
    std::lock_guard lock(mutex);
    if (client_pages) return client_pages.get();
    if (data_dir.empty()) {
      auto memory = store::ClientPageStore::open(":memory:", crypto::random_bytes(32));
      if (!memory) return std::unexpected(memory.error());
      client_pages = std::move(*memory);
      return client_pages.get();
    }
    if (!opened) {
      auto store = open_store(data_dir);
      if (!store) return std::unexpected(store.error());
      opened = std::move(*store);
    }
    auto on_disk = store::ClientPageStore::open(store::client_pages_db_path(data_dir), opened->key.bytes);
    if (!on_disk) return std::unexpected(on_disk.error());
    client_pages = std::move(*on_disk);
    return client_pages.get();
  }

  core::Result<auth::LoginStates*> logins() {
    std::lock_guard lock(mutex);
    if (!states) {
      auto opened_states = auth::LoginStates::open(data_dir.empty() ? ":memory:" : data_dir + "/login_states.db");
      if (!opened_states) return std::unexpected(opened_states.error());
      states = std::move(*opened_states);
    }
    return states.get();
  }
};

auth::ProcessToken process_token(const core::Settings& settings) {
  if (settings.mode == core::Mode::Fake) return {auth::TokenSource::Fake, {}, {}};
  if (!settings.token_label.empty()) return {auth::TokenSource::Stored, settings.token_label, settings.access_token};
  return {auth::TokenSource::Environment, {}, settings.access_token};
}

}  // namespace

graph::CurlOptions curl_options(const core::Settings& settings, const std::string& token) {
  graph::CurlOptions options;
  options.base_url = settings.graph_url;
  options.video_base_url = !settings.graph_video_url.empty()                   ? settings.graph_video_url
                           : settings.graph_url == core::Settings{}.graph_url ? std::string(graph::kGraphVideoUrl)
                                                                              : settings.graph_url;
  options.api_version = settings.api_version;
  options.access_token = token;
  options.app_secret = token.empty() ? std::string() : settings.app_secret;
  options.user_agent = std::string("facebook-mcp/") + FBMCP_VERSION;
  options.total_timeout_ms = settings.http_timeout_ms;
  return options;
}

std::unique_ptr<auth::TokenAccess> make_token_access(const core::Settings& settings,
                                                     std::shared_ptr<fake::GraphEmulator> emulator) {
  auth::LoginSettings login;
  login.app = {settings.app_id, settings.app_secret};
  if (emulator && login.app.app_id.empty()) login.app = {emulator->oauth_app().id, emulator->oauth_app().secret};
  login.redirect_uri = settings.redirect_uri;
  login.dialog_url = settings.oauth_dialog_url.empty()
                         ? "https://www.facebook.com/" + settings.api_version + "/dialog/oauth"
                         : settings.oauth_dialog_url;
  auto files = std::make_shared<LazyAuthFiles>();
  if (!emulator) files->data_dir = settings.data_dir.empty() ? store::default_data_dir() : settings.data_dir;
  auth::TokenAccess::TransportFactory transports;
  if (emulator) {
    transports = [emulator](const std::string& token) -> std::shared_ptr<graph::Transport> {
      return std::make_shared<fake::EmulatorTransport>(emulator, token);
    };
  } else {
    transports = [settings](const std::string& token) -> std::shared_ptr<graph::Transport> {
      return std::make_shared<graph::CurlTransport>(curl_options(settings, token));
    };
  }
  auto access = std::make_unique<auth::TokenAccess>(
      process_token(settings), std::move(login), [files](bool create) { return files->tokens(create); },
      [files] { return files->logins(); }, std::move(transports));
  access->set_client_pages([files] { return files->pages(); });
  return access;
}

}  // namespace fbmcp::app
