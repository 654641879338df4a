#include "graph/error_table.hpp"

#include <algorithm>

namespace fbmcp::graph {
namespace {

using core::ErrorKind;

// Subcodes of 190 (FBD/graph-api/guides/error-handling; shared/reference/graph-api-facts.md §6).
std::string token_problem(int subcode) {
  switch (subcode) {
    case 458: return "the app is not installed for this user";
    case 459: return "the user's account is checkpointed (log in on facebook.com to resolve)";
    case 460: return "the password changed, which invalidated the token";
    case 463: return "the access token has expired";
    case 464: return "the user is not confirmed";
    case 467: return "the access token is invalid";
    case 492: return "the session is invalid";
    default: return "the access token was rejected";
  }
}

bool is_throttle(int code) {
  return code == 4 || code == 17 || code == 32 || code == 613 || (code >= 80000 && code <= 80014);
}

std::string blamed_field(const nlohmann::json& error) {
  nlohmann::json data = error.value("error_data", nlohmann::json());
  if (data.is_string()) data = nlohmann::json::parse(data.get<std::string>(), nullptr, false);
  if (data.is_object() && data.contains("blame_field_specs") && data["blame_field_specs"].is_array()) {
    std::string fields;
    for (const auto& spec : data["blame_field_specs"]) {
      const auto name = spec.is_array() && !spec.empty() ? spec[0] : spec;
      if (!name.is_string()) continue;
      if (!fields.empty()) fields += ", ";
      fields += name.get<std::string>();
    }
    return fields;
  }
  return {};
}

}  // namespace

std::optional<int> retry_after_seconds(const std::map<std::string, std::string>& headers) {
  std::optional<int> wait;
  auto consider = [&](int seconds) { wait = std::max(wait.value_or(0), seconds); };
  if (auto it = headers.find("x-business-use-case-usage"); it != headers.end()) {
    const auto usage = nlohmann::json::parse(it->second, nullptr, false);
    if (usage.is_object()) {
      for (const auto& [owner, entries] : usage.items()) {
        if (!entries.is_array()) continue;
        for (const auto& entry : entries) {
          // Present means Meta has an estimate; 0 minutes means "you may call again now".
          if (entry.contains("estimated_time_to_regain_access")) {
            consider(entry.value("estimated_time_to_regain_access", 0) * 60);
          }
        }
      }
    }
  }
  if (auto it = headers.find("x-ad-account-usage"); it != headers.end()) {
    const auto usage = nlohmann::json::parse(it->second, nullptr, false);
    if (usage.is_object() && usage.value("acc_id_util_pct", 0.0) >= 100.0) {
      consider(usage.value("reset_time_duration", 0));
    }
  }
  return wait;
}

std::optional<core::Error> decode_graph_error(const nlohmann::json& body, int http_status,
                                              const std::map<std::string, std::string>& headers) {
  if (!body.is_object() || !body.contains("error") || !body["error"].is_object()) return std::nullopt;
  const auto& e = body["error"];
  core::GraphErrorInfo info;
  info.code = e.value("code", 0);
  info.error_subcode = e.value("error_subcode", 0);
  info.type = e.value("type", "");
  info.message = e.value("message", "");
  info.error_user_title = e.value("error_user_title", "");
  info.error_user_msg = e.value("error_user_msg", "");
  info.fbtrace_id = e.value("fbtrace_id", "");
  info.is_transient = e.value("is_transient", false);
  info.error_data = e.value("error_data", nlohmann::json());
  info.http_status = http_status;

  core::Error error;
  error.message = info.error_user_msg.empty() ? info.message : info.message + " — " + info.error_user_msg;
  const int code = info.code;
  if (code == 190 || code == 102) {
    error.kind = ErrorKind::Unauthenticated;
    error.message = "Meta rejected the token: " + token_problem(info.error_subcode) + " (" + info.message + ")";
    error.hint = info.error_subcode == 459 || info.error_subcode == 464
                     ? "the user must resolve this on facebook.com; a new token will not help until then"
                     : "get a new token (Graph API Explorer or your app's login flow) and set FACEBOOK_ACCESS_TOKEN";
  } else if (is_throttle(code)) {
    error.kind = ErrorKind::RateLimited;
    const auto wait = retry_after_seconds(headers);
    error.hint = wait ? "Meta asks to wait about " + std::to_string(*wait) + " s before calling again"
                      : "slow down: wait a few minutes before calling again; fewer, larger requests help";
    if (wait) error.detail = {{"retry_after_seconds", *wait}};
  } else if (code == 368) {
    error.kind = ErrorKind::PolicyBlocked;
    error.hint = "Meta blocked this action for policy reasons; review the account in Ads Manager / Business Support";
  } else if (code == 10 || (code >= 200 && code <= 299)) {
    error.kind = ErrorKind::PermissionDenied;
    error.hint = "the token lacks a permission for this object (ads_management for writes, ads_read for reads) or "
                 "the user has no role on the ad account";
  } else if (code == 100 && info.error_subcode == 33) {
    error.kind = ErrorKind::NotFound;
    error.hint = "check the id: list the parent objects to find valid ids";
  } else if (code == 100) {
    error.kind = ErrorKind::InvalidArgs;
    error.path = blamed_field(e);
    error.hint = error.path.empty() ? "fix the parameter named in the message and call again"
                                    : "fix '" + error.path + "' and call again";
  } else if (code == 1 || code == 2 || info.is_transient) {
    error.kind = ErrorKind::GraphApi;
    info.is_transient = true;
    error.hint = "a temporary problem at Meta; calling again later usually works";
  } else {
    error.kind = ErrorKind::GraphApi;
    error.hint = "Meta refused the request; the message above says why";
  }
  error.graph = std::move(info);
  return error;
}

bool is_retryable(const core::Error& error) {
  if (error.kind == ErrorKind::Network) return true;
  return error.graph && error.graph->is_transient;
}

}  // namespace fbmcp::graph
