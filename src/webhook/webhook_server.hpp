// `facebook-mcp webhooks`: the HTTP receiver for what Meta sends an app (issue 12), on cpp-httplib.
//   GET  <any path>            subscription check: hub.mode=subscribe + hub.verify_token → hub.challenge, else 403
//   POST <any path>            event notifications signed with X-Hub-Signature-256 → the event store
//   POST /deauthorize          signed_request: the user removed the app → their stored tokens are deleted
//   POST /data-deletion        signed_request: the user asked for deletion → tokens and events deleted, and
//                              {"url", "confirmation_code"} answered
//   GET  /data-deletion/status?code=…   what that deletion did
// Anything unsigned, mis-signed or malformed is refused with a 4xx and one log line that never holds the body.
#pragma once
#include <atomic>
#include <cstddef>
#include <functional>
#include <memory>
#include <string>
#include <thread>

#include "core/error.hpp"
#include "store/data_deletion_log.hpp"
#include "store/webhook_event_store.hpp"

namespace httplib {
class Server;
struct Request;
struct Response;
}  // namespace httplib

namespace fbmcp::webhook {

struct WebhookReceiverConfig {
  std::string app_secret;    // signs events and signed_requests; required
  std::string verify_token;  // FACEBOOK_WEBHOOK_VERIFY_TOKEN; empty = every subscription check is refused
  // Public base of the deletion status URL Meta shows the user (behind a reverse proxy, its https address);
  // empty = this server's own http://host:port.
  std::string public_url;
  size_t max_body_bytes = 1 << 20;  // larger bodies get 413 before a handler reads them
};

// Deletes the stored tokens of an app-scoped user id and says how many went. The token store belongs to the
// command that wires the receiver (app/), so the receiver is handed this instead of the store.
using ForgetUserTokens = std::function<core::Result<size_t>(const std::string& user_id)>;

class WebhookServer {
 public:
  WebhookServer(WebhookReceiverConfig config, store::WebhookEventStore& events, store::DataDeletionLog& deletions,
                ForgetUserTokens forget_tokens);
  ~WebhookServer();

  // Serves on a background thread until stop() (tests); returns the bound port.
  core::Result<int> start(const std::string& host, int port);
  // Serves on the calling thread until stop() (the command); `on_listening` gets the bound port first.
  core::Result<void> run(const std::string& host, int port, const std::function<void(int port)>& on_listening);
  void stop();
  std::string base_url() const;

 private:
  core::Result<int> bind(const std::string& host, int port);
  void routes();
  void verify_subscription(const httplib::Request& req, httplib::Response& res) const;
  void receive_events(const httplib::Request& req, httplib::Response& res);
  void deauthorize(const httplib::Request& req, httplib::Response& res);
  void delete_data(const httplib::Request& req, httplib::Response& res);
  void deletion_status(const httplib::Request& req, httplib::Response& res);

  WebhookReceiverConfig config_;
  store::WebhookEventStore& events_;
  store::DataDeletionLog& deletions_;
  ForgetUserTokens forget_tokens_;
  std::unique_ptr<httplib::Server> http_;
  std::thread thread_;
  std::string host_ = "127.0.0.1";
  std::atomic<int> port_{0};
};

}  // namespace fbmcp::webhook
