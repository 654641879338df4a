#include "graph/error_table.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <vector>

#include "graph/json_fields.hpp"

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

// error_data may be an object or a JSON string holding one (PSDK exceptions.py); anything else names no field.
std::string blamed_field(const nlohmann::json& error) {
  nlohmann::json data = error.contains("error_data") ? error["error_data"] : nlohmann::json();
  if (data.is_string()) data = nlohmann::json::parse(data.get<std::string>(), nullptr, false);
  if (!data.is_object() || !data.contains("blame_field_specs") || !data["blame_field_specs"].is_array()) return {};
  std::string fields;
  for (const auto& spec : data["blame_field_specs"]) {
    const auto& name = spec.is_array() && !spec.empty() ? spec[0] : spec;
    if (!name.is_string()) continue;
    if (!fields.empty()) fields += ", ";
    fields += name.get<std::string>();
  }
  return fields;
}

// Waits are computed in floating point and saturated at kMaxRetryAfterSeconds, so a huge estimate stays a long
// wait instead of overflowing into "retry now".
int64_t clamp_seconds(double seconds) {
  if (!(seconds > 0)) return 0;  // also NaN
  const double up = std::ceil(seconds);
  return up >= static_cast<double>(kMaxRetryAfterSeconds) ? kMaxRetryAfterSeconds : static_cast<int64_t>(up);
}

// Graph's error fields, read leniently: the body already says "error" and what matters is which kind. Numbers sent
// as numeric strings are read as numbers; a field of an unusable type is left at its default and described in
// `odd`, so the message can say what was unexpected.
core::GraphErrorInfo read_error_info(const nlohmann::json& e, int http_status, std::vector<std::string>& odd) {
  core::GraphErrorInfo info;
  const auto whole = [&](const char* key) -> int {
    auto value = read_int(e, key, std::string("error.") + key);
    if (!value) {
      odd.push_back(value.error());
      return 0;
    }
    if (!*value) return 0;
    if (**value < std::numeric_limits<int>::min() || **value > std::numeric_limits<int>::max()) {
      odd.push_back("`error." + std::string(key) + "` is out of range");
      return 0;
    }
    return static_cast<int>(**value);
  };
  const auto text = [&](const char* key) -> std::string {
    if (!e.contains(key) || e[key].is_null()) return {};
    if (!e[key].is_string()) {
      odd.push_back("`error." + std::string(key) + "` is " + std::string(json_type_name(e[key])) +
                    ", expected a string");
    }
    return json_text(e[key]);
  };
  info.code = whole("code");
  info.error_subcode = whole("error_subcode");
  info.type = text("type");
  info.message = text("message");
  info.error_user_title = text("error_user_title");
  info.error_user_msg = text("error_user_msg");
  info.fbtrace_id = text("fbtrace_id");
  if (auto transient = read_bool(e, "is_transient", "error.is_transient")) {
    info.is_transient = transient->value_or(false);
  } else {
    odd.push_back(transient.error());
  }
  info.error_data = e.contains("error_data") ? e["error_data"] : nlohmann::json();
  info.http_status = http_status;
  return info;
}

}  // namespace

std::optional<int64_t> retry_after_seconds(const std::map<std::string, std::string>& headers) {
  std::optional<int64_t> wait;
  auto consider = [&](int64_t seconds) { wait = std::max(wait.value_or(0), seconds); };
  if (auto it = headers.find("x-business-use-case-usage"); it != headers.end()) {
    const auto usage = nlohmann::json::parse(it->second, nullptr, false);
    if (usage.is_object()) {
      for (const auto& [owner, entries] : usage.items()) {
        if (!entries.is_array()) continue;
        for (const auto& entry : entries) {
          // Present means Meta has an estimate (minutes); 0 means "you may call again now". "30" is read as 30; an
          // estimate of another shape is no estimate.
          const auto minutes = read_number(entry, "estimated_time_to_regain_access");
          if (minutes && *minutes) consider(clamp_seconds(**minutes * 60.0));
        }
      }
    }
  }
  if (auto it = headers.find("x-ad-account-usage"); it != headers.end()) {
    const auto usage = nlohmann::json::parse(it->second, nullptr, false);
    const auto percent = read_number(usage, "acc_id_util_pct");
    if (usage.is_object() && percent && percent->value_or(0) >= 100.0) {
      const auto reset = read_number(usage, "reset_time_duration");
      consider(reset && *reset ? clamp_seconds(**reset) : 0);
    }
  }
  return wait;
}

std::optional<core::Error> decode_graph_error(const nlohmann::json& body, int http_status,
                                              const std::map<std::string, std::string>& headers) {
  if (!body.is_object() || !body.contains("error")) return std::nullopt;
  const auto& e = body["error"];
  if (!e.is_object()) {
    // {"error": "…"} (or a number, a list): still Meta saying no, just not in the documented shape.
    core::GraphErrorInfo info;
    info.message = json_text(e);
    info.http_status = http_status;
    core::Error error{ErrorKind::GraphApi,
                      "Meta answered with an error in an unexpected shape (`error` is " +
                          std::string(json_type_name(e)) + ", expected an object): " + info.message,
                      "Meta refused the request; the text above is all it said",
                      {},
                      std::move(info),
                      nullptr};
    return error;
  }
  std::vector<std::string> odd;
  core::GraphErrorInfo info = read_error_info(e, http_status, odd);

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
  } else if (code == kInvalidCursorCode) {
    error.kind = ErrorKind::InvalidArgs;
    error.path = "after";
    error.hint = "the cursor is not valid for this list (cursors expire and belong to one list); list again without "
                 "`after`";
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
  if (!odd.empty()) {
    std::string note;
    for (const auto& o : odd) note += (note.empty() ? "" : "; ") + o;
    error.message += " (Graph's error body was unusual: " + note + ")";
  }
  error.graph = std::move(info);
  return error;
}

bool is_retryable(const core::Error& error) {
  if (error.kind == ErrorKind::Network) return true;
  return error.graph && error.graph->is_transient;
}

}  // namespace fbmcp::graph
