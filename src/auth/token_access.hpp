// Which Graph identity a call acts as (issue 12), decided in one place for every op: the process token (the
// environment's, the stored default, or fake mode's built-in fixture user), the session's choice (use_token), or a
// stored token a call names with its `token` arg. Also what the auth ops need besides Graph: the encrypted store,
// started logins, the app's credentials, and a client for any token.
#pragma once
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "auth/login_states.hpp"
#include "auth/oauth_exchange.hpp"
#include "graph/graph_client.hpp"
#include "graph/transport.hpp"
#include "store/client_page_store.hpp"
#include "store/token_store.hpp"

namespace fbmcp::auth {

enum class TokenSource { Environment, Stored, Fake };
std::string to_string(TokenSource source);

// The process's own token, as services found it at start.
struct ProcessToken {
  TokenSource source = TokenSource::Fake;
  std::string label;  // the stored label when source is Stored
  std::string value;  // empty in fake mode (the emulator stands for its fixture user)
};

struct LoginSettings {
  AppCredentials app;
  std::string redirect_uri;  // FACEBOOK_REDIRECT_URI; empty = Meta's login_success page
  std::string dialog_url;    // the OAuth dialog (FACEBOOK_OAUTH_DIALOG_URL or Meta's)
};

class TokenAccess {
 public:
  // create=false: a store that does not exist yet is not made (nullptr answered); create=true makes it.
  using StoreOpener = std::function<core::Result<store::TokenStore*>(bool create)>;
  using StatesOpener = std::function<core::Result<LoginStates*>()>;
  // A transport that sends `token` ("" = none: the app's own calls, which authenticate with client_secret).
  using TransportFactory = std::function<std::shared_ptr<graph::Transport>(const std::string& token)>;

  TokenAccess(ProcessToken process, LoginSettings login, StoreOpener stores, StatesOpener states,
              TransportFactory transports)
      : process_(std::move(process)),
        login_(std::move(login)),
        stores_(std::move(stores)),
        states_(std::move(states)),
        transports_(std::move(transports)) {}

  const ProcessToken& process() const { return process_; }
  const LoginSettings& login() const { return login_; }

  // The default label for the rest of the session (use_token); "" = the process token.
  std::string session_label() const;
  void set_session_label(std::string label);
  // The stored label a call acts as: `requested` (its `token` arg), else the session's, else the process's ("" when
  // the process token is not a stored one).
  std::string label_for(const std::string& requested) const;

  core::Result<store::TokenStore*> store(bool create) const { return stores_(create); }
  // Client ↔ page mappings (issue 13), sealed under the token store's key; opened (and made) on first use.
  using ClientPagesOpener = std::function<core::Result<store::ClientPageStore*>()>;
  void set_client_pages(ClientPagesOpener opener) { client_pages_ = std::move(opener); }
  core::Result<store::ClientPageStore*> client_pages() const {
    if (!client_pages_) return core::fail(core::ErrorKind::Internal, "this server keeps no client page mappings");
    return client_pages_();
  }
  core::Result<LoginStates*> login_states() const { return states_(); }

  // The token `label` names ("" = the process token). An unknown label is InvalidArgs at `path`, listing the known
  // labels; a token that is stored but marked expired or invalid is still returned (verify_token re-checks it).
  core::Result<std::string> token_value(const std::string& label, const std::string& path = "args.token") const;
  std::unique_ptr<graph::GraphClient> client_for(const std::string& token) const;

  // Graph refused a call made with stored `label` with code 190: the stored token is marked by its subcode, so
  // list_tokens shows it and looks across tokens skip it. Nothing else (a throttle, say) ever calls this.
  void record_token_error(const std::string& label, int subcode) const;

 private:
  ProcessToken process_;
  LoginSettings login_;
  StoreOpener stores_;
  StatesOpener states_;
  TransportFactory transports_;
  ClientPagesOpener client_pages_;
  mutable std::mutex mutex_;
  std::string session_label_;
};

// "unknown token label 'x'; stored labels: a, b" with the hint to list them; for every op that takes a label.
core::Error unknown_token_label(const std::string& label, const std::vector<store::TokenInfo>& known,
                                const std::string& path);

}  // namespace fbmcp::auth
