#include "webhook/webhook_server.hpp"

#include <httplib.h>

#include <chrono>
#include <ctime>

#include "core/log.hpp"
#include "crypto/digest.hpp"
#include "crypto/hmac.hpp"
#include "webhook/event_extraction.hpp"
#include "webhook/hub_signature.hpp"

namespace fbmcp::webhook {
namespace {

constexpr const char* kWebhookLogger = "webhooks";

void answer_json(httplib::Response& res, int status, const nlohmann::json& body) {
  res.status = status;
  res.set_content(body.dump(), "application/json");
}

}  // namespace

WebhookServer::WebhookServer(WebhookReceiverConfig config, store::WebhookEventStore& events,
                             store::DataDeletionLog& deletions, ForgetUserTokens forget_tokens)
    : config_(std::move(config)),
      events_(events),
      deletions_(deletions),
      forget_tokens_(std::move(forget_tokens)),
      http_(std::make_unique<httplib::Server>()) {
  routes();
}

WebhookServer::~WebhookServer() { stop(); }

void WebhookServer::routes() {
  http_->set_payload_max_length(config_.max_body_bytes);
  // A request the handlers did not expect must not take the receiver down with it: 500 and a log line.
  http_->set_exception_handler([](const httplib::Request& req, httplib::Response& res, std::exception_ptr) {
    core::log(core::LogLevel::Error, kWebhookLogger, "internal error answering " + req.method + " " + req.path);
    answer_json(res, 500, {{"error", "internal error"}});
  });
  // Registration order is match order: the fixed paths first, then the event callback on any path (the app's
  // callback URL is whatever path the user's proxy forwards).
  http_->Get("/data-deletion/status", [this](const auto& req, auto& res) { deletion_status(req, res); });
  http_->Post("/deauthorize", [this](const auto& req, auto& res) { deauthorize(req, res); });
  http_->Post("/data-deletion", [this](const auto& req, auto& res) { delete_data(req, res); });
  http_->Get(".*", [this](const auto& req, auto& res) { verify_subscription(req, res); });
  http_->Post(".*", [this](const auto& req, auto& res) { receive_events(req, res); });
}

void WebhookServer::verify_subscription(const httplib::Request& req, httplib::Response& res) const {
  const std::string given = req.get_param_value("hub.verify_token");
  // Digests of both sides are compared, so neither the content nor the length of the token leaks through timing.
  const bool token_ok = !config_.verify_token.empty() && !given.empty() &&
                        crypto::equal_in_constant_time(crypto::sha256_hex(given),
                                                       crypto::sha256_hex(config_.verify_token));
  if (req.get_param_value("hub.mode") != "subscribe" || !token_ok || !req.has_param("hub.challenge")) {
    core::log(core::LogLevel::Warning, kWebhookLogger,
              "refused a subscription check on " + req.path + " from " + req.remote_addr +
                  (config_.verify_token.empty() ? " (FACEBOOK_WEBHOOK_VERIFY_TOKEN is not set)"
                                                : " (wrong hub.mode or hub.verify_token)"));
    res.status = 403;
    res.set_content("forbidden\n", "text/plain");
    return;
  }
  core::log(core::LogLevel::Info, kWebhookLogger, "subscription verified on " + req.path);
  res.set_content(req.get_param_value("hub.challenge"), "text/plain");
}

void WebhookServer::receive_events(const httplib::Request& req, httplib::Response& res) {
  if (req.body.size() > config_.max_body_bytes) {  // httplib refuses these first; kept in case it did not
    answer_json(res, 413, {{"error", "body larger than " + std::to_string(config_.max_body_bytes) + " bytes"}});
    return;
  }
  if (!hub_signature_matches(config_.app_secret, req.get_header_value(kHubSignatureHeader), req.body)) {
    core::log(core::LogLevel::Warning, kWebhookLogger,
              "refused an event POST to " + req.path + " from " + req.remote_addr + ": " +
                  (req.has_header(kHubSignatureHeader) ? "X-Hub-Signature-256 does not match the app secret"
                                                       : "no X-Hub-Signature-256 header") +
                  " (" + std::to_string(req.body.size()) + " bytes, not logged)");
    answer_json(res, 403, {{"error", "bad or missing X-Hub-Signature-256"}});
    return;
  }
  auto extracted = extract_events(req.body, static_cast<int64_t>(std::time(nullptr)));
  if (!extracted) {
    core::log(core::LogLevel::Warning, kWebhookLogger, "refused a signed event POST: " + extracted.error().message);
    answer_json(res, 400, {{"error", extracted.error().message}});
    return;
  }
  auto added = events_.add(*extracted);
  if (!added) {
    core::log(core::LogLevel::Error, kWebhookLogger, added.error().message);
    answer_json(res, 500, {{"error", "the event could not be stored"}});  // Meta retries it later
    return;
  }
  core::log(core::LogLevel::Info, kWebhookLogger,
            "received " + std::to_string(extracted->size()) + " event(s), " + std::to_string(*added) + " new");
  answer_json(res, 200, {{"received", extracted->size()}, {"new", *added}});
}

core::Result<int> WebhookServer::bind(const std::string& host, int port) {
  host_ = host;
  const int bound = port == 0 ? http_->bind_to_any_port(host) : (http_->bind_to_port(host, port) ? port : -1);
  if (bound <= 0) {
    return core::fail(core::ErrorKind::Network, "cannot listen on " + host + ":" + std::to_string(port),
                      "pick another --port, or 0 for a free one");
  }
  port_ = bound;
  return bound;
}

core::Result<int> WebhookServer::start(const std::string& host, int port) {
  auto bound = bind(host, port);
  if (!bound) return bound;
  thread_ = std::thread([this] { http_->listen_after_bind(); });
  for (int i = 0; i < 500 && !http_->is_running(); ++i) std::this_thread::sleep_for(std::chrono::milliseconds(2));
  return bound;
}

core::Result<void> WebhookServer::run(const std::string& host, int port,
                                      const std::function<void(int port)>& on_listening) {
  auto bound = bind(host, port);
  if (!bound) return std::unexpected(bound.error());
  on_listening(*bound);
  http_->listen_after_bind();
  return {};
}

void WebhookServer::stop() {
  if (http_) http_->stop();
  if (thread_.joinable()) thread_.join();
}

std::string WebhookServer::base_url() const {
  // An IPv6 literal needs brackets in a URL.
  const std::string host = host_.find(':') != std::string::npos ? "[" + host_ + "]" : host_;
  return "http://" + host + ":" + std::to_string(port_.load());
}

}  // namespace fbmcp::webhook
