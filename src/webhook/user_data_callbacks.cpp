// The two callbacks Meta makes about a user rather than an object: deauthorize (they removed the app) and data
// deletion (they asked for their data to go). Both carry a signed_request (webhook/signed_request.hpp).
#include <httplib.h>

#include <ctime>

#include "core/log.hpp"
#include "core/text.hpp"
#include "crypto/digest.hpp"
#include "crypto/hmac.hpp"
#include "webhook/signed_request.hpp"
#include "webhook/webhook_server.hpp"

namespace fbmcp::webhook {
namespace {

constexpr const char* kUserCallbackLogger = "webhooks";

void answer_user_callback(httplib::Response& res, int status, const nlohmann::json& body) {
  res.status = status;
  res.set_content(body.dump(), "application/json");
}

// The signed_request of a form POST, verified; on failure the response is written (400 malformed, 403 forged) and
// a log line says why, without the request itself.
std::optional<SignedRequest> verified_user_request(const httplib::Request& req, httplib::Response& res,
                                                   const std::string& app_secret) {
  if (!req.has_param("signed_request")) {
    core::log(core::LogLevel::Warning, kUserCallbackLogger, "refused " + req.path + ": no signed_request field");
    answer_user_callback(res, 400, {{"error", "a form field signed_request is required"}});
    return std::nullopt;
  }
  auto opened = open_signed_request(app_secret, req.get_param_value("signed_request"));
  if (!opened) {
    core::log(core::LogLevel::Warning, kUserCallbackLogger,
              "refused " + req.path + " from " + req.remote_addr + ": " + opened.error().message);
    const int status = opened.error().kind == core::ErrorKind::PermissionDenied ? 403 : 400;
    answer_user_callback(res, status, {{"error", opened.error().message}});
    return std::nullopt;
  }
  return std::move(*opened);
}

}  // namespace

void WebhookServer::deauthorize(const httplib::Request& req, httplib::Response& res) {
  auto request = verified_user_request(req, res, config_.app_secret);
  if (!request) return;
  auto removed = forget_tokens_ ? forget_tokens_(request->user_id) : core::Result<size_t>(0);
  if (!removed) {
    core::log(core::LogLevel::Error, kUserCallbackLogger, "deauthorize: " + removed.error().message);
    answer_user_callback(res, 500, {{"error", "the user's tokens could not be removed"}});  // Meta retries
    return;
  }
  core::log(core::LogLevel::Info, kUserCallbackLogger,
            "deauthorized: removed " + std::to_string(*removed) + " stored token(s) of the user");
  answer_user_callback(res, 200, {{"success", true}});
}

void WebhookServer::delete_data(const httplib::Request& req, httplib::Response& res) {
  auto request = verified_user_request(req, res, config_.app_secret);
  if (!request) return;
  auto tokens = forget_tokens_ ? forget_tokens_(request->user_id) : core::Result<size_t>(0);
  auto events = tokens ? events_.remove_entry(request->user_id) : core::Result<size_t>(0);
  if (!tokens || !events) {
    const auto& error = !tokens ? tokens.error() : events.error();
    core::log(core::LogLevel::Error, kUserCallbackLogger, "data deletion: " + error.message);
    answer_user_callback(res, 500, {{"error", "the user's data could not be removed"}});
    return;
  }
  // Meta asks for an alphanumeric code the user can quote (graph-api-facts.md, data-deletion callback).
  const std::string random = crypto::random_bytes(8);
  const std::string code = crypto::lower_hex(reinterpret_cast<const unsigned char*>(random.data()), random.size());
  const store::DataDeletionRecord record{code, static_cast<int64_t>(std::time(nullptr)),
                                         static_cast<int64_t>(*tokens), static_cast<int64_t>(*events)};
  if (auto recorded = deletions_.record(record); !recorded) {
    core::log(core::LogLevel::Error, kUserCallbackLogger, recorded.error().message);
    answer_user_callback(res, 500, {{"error", "the deletion could not be recorded"}});
    return;
  }
  const std::string base = config_.public_url.empty() ? base_url() : config_.public_url;
  core::log(core::LogLevel::Info, kUserCallbackLogger,
            "data deletion " + code + ": removed " + std::to_string(*tokens) + " token(s) and " +
                std::to_string(*events) + " event(s)");
  answer_user_callback(res, 200, {{"url", base + "/data-deletion/status?code=" + code}, {"confirmation_code", code}});
}

void WebhookServer::deletion_status(const httplib::Request& req, httplib::Response& res) {
  const auto record = deletions_.find(req.get_param_value("code"));
  if (!record) {
    res.status = 404;
    res.set_content("No data deletion request has this confirmation code.\n", "text/plain; charset=utf-8");
    return;
  }
  const std::string when = core::utc_time(record->requested_at, "an unknown date");
  // Plain text, and only the stored code echoed: nothing a caller sends is reflected into the page.
  res.set_content("Data deletion request " + record->confirmation_code + ": completed on " + when + ".\n" +
                      "Removed " + std::to_string(record->tokens_removed) + " stored access token(s) and " +
                      std::to_string(record->events_removed) + " stored webhook event(s) about the user.\n" +
                      "Nothing else about the user is kept by this app's facebook-mcp.\n",
                  "text/plain; charset=utf-8");
}

}  // namespace fbmcp::webhook
