#include "auth/token_access.hpp"

#include <algorithm>

#include "auth/token_health.hpp"
#include "core/log.hpp"
#include "core/redact.hpp"

namespace fbmcp::auth {

std::string to_string(TokenSource source) {
  switch (source) {
    case TokenSource::Environment: return "environment";
    case TokenSource::Stored: return "stored";
    case TokenSource::Fake: return "fake";
  }
  return "fake";
}

std::string TokenAccess::session_label() const {
  std::lock_guard lock(mutex_);
  return session_label_;
}

void TokenAccess::set_session_label(std::string label) {
  std::lock_guard lock(mutex_);
  session_label_ = std::move(label);
}

std::string TokenAccess::label_for(const std::string& requested) const {
  if (!requested.empty()) return requested;
  if (auto session = session_label(); !session.empty()) return session;
  return process_.source == TokenSource::Stored ? process_.label : std::string();
}

core::Error unknown_token_label(const std::string& label, const std::vector<store::TokenInfo>& known,
                                const std::string& path) {
  std::string labels;
  nlohmann::json names = nlohmann::json::array();
  for (const auto& info : known) {
    labels += (labels.empty() ? "" : ", ") + info.label;
    names.push_back(info.label);
  }
  // The example uses the field the caller filled in (use_token's label, any op's token).
  const std::string field = path.rfind("args.", 0) == 0 ? path.substr(5) : "token";
  core::Error error{core::ErrorKind::InvalidArgs,
                    "no stored token is labelled '" + label + "'; " +
                        (labels.empty() ? std::string("no token is stored yet") : "stored labels: " + labels),
                    labels.empty() ? "store one first: login_url then exchange_code, or `facebook-mcp login --label "
                                     "NAME`; e.g. {\"" + field + "\": \"default\"} afterwards"
                                   : "pass one of the stored labels, e.g. {\"" + field + "\": \"" +
                                         known.front().label + "\"}; list_tokens shows them",
                    path, std::nullopt, nullptr};
  error.detail = {{"known_labels", names}};
  return error;
}

core::Result<std::string> TokenAccess::token_value(const std::string& label, const std::string& path) const {
  if (label.empty() || (process_.source == TokenSource::Stored && label == process_.label)) return process_.value;
  auto tokens = store(false);
  if (!tokens) return std::unexpected(tokens.error());
  std::vector<store::TokenInfo> known;
  if (*tokens) {
    auto rows = (*tokens)->list();
    if (!rows) return std::unexpected(rows.error());
    known = std::move(*rows);
  }
  const bool stored = std::any_of(known.begin(), known.end(), [&](const auto& info) { return info.label == label; });
  if (!stored) return std::unexpected(unknown_token_label(label, known, path));
  auto value = (*tokens)->get_token(label);
  if (value) core::register_secret(*value);
  return value;
}

std::unique_ptr<graph::GraphClient> TokenAccess::client_for(const std::string& token) const {
  if (!token.empty()) core::register_secret(token);
  return std::make_unique<graph::GraphClient>(transports_(token));
}

void TokenAccess::record_token_error(const std::string& label, int subcode) const {
  if (label.empty()) return;
  auto tokens = store(false);
  if (!tokens || !*tokens) return;
  const std::string status = status_for_token_error(subcode);
  if (auto marked = (*tokens)->mark_status(label, status); !marked) {
    core::log(core::LogLevel::Warning, "auth", "could not mark token '" + label + "' " + status + ": " +
                                                   marked.error().message);
    return;
  }
  core::log(core::LogLevel::Notice, "auth", "stored token '" + label + "' marked " + status +
                                                " (Graph error 190, subcode " + std::to_string(subcode) + ")");
}

}  // namespace fbmcp::auth
