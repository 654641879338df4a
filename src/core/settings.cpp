#include "core/settings.hpp"

#include <algorithm>
#include <charconv>
#include <cstdlib>

#include "core/redact.hpp"

namespace fbmcp::core {
namespace {

std::string env(const char* name) {
  const char* value = std::getenv(name);
  return value ? std::string(value) : std::string();
}

// A host that could not expand "${VAR}" in its config (Claude Code passes the text as it is when VAR is unset)
// hands us the placeholder itself: never take it for a token or a URL.
bool looks_unexpanded(const std::string& value) {
  const auto open = value.find("${");
  return open != std::string::npos && value.find('}', open) != std::string::npos;
}

// Every setting this server reads; checked for placeholders before anything is used.
constexpr const char* kSettingNames[] = {
    "FACEBOOK_ACCESS_TOKEN", "FACEBOOK_APP_SECRET",     "FACEBOOK_GRAPH_URL",
    "FACEBOOK_GRAPH_VIDEO_URL",
    "FACEBOOK_API_VERSION",  "FACEBOOK_FIXTURES_DIR",  "FACEBOOK_FAKE_CLOCK",     "FACEBOOK_SPEND_LIMITS",
    "FACEBOOK_HTTP_TIMEOUT_MS", "FACEBOOK_MODE",        "FACEBOOK_MCP_DATA_DIR",   "FACEBOOK_FAKE_STATE",
    "FACEBOOK_MAX_RESULT_CHARS", "FACEBOOK_APP_ID",     "FACEBOOK_OAUTH_DIALOG_URL", "FACEBOOK_REDIRECT_URI",
    "FACEBOOK_WEBHOOK_VERIFY_TOKEN", "FACEBOOK_READ_ONLY"};

std::string placeholder_problem() {
  for (const char* name : kSettingNames) {
    const auto value = env(name);
    if (!looks_unexpanded(value)) continue;
    // The value is a placeholder, not a secret, but print only its variable name to be safe.
    return std::string(name) + " holds an unexpanded placeholder like ${" + name +
           "}: the MCP host did not expand it (the variable is probably unset where the host runs). Set " + name +
           " in the host's environment, or write ${" + name + ":-} in the host config so an unset variable "
           "becomes empty";
  }
  return {};
}

}  // namespace

std::string to_string(Mode mode) { return mode == Mode::Fake ? "fake" : "live"; }

Settings load_settings(bool force_fake) {
  Settings s;
  s.access_token = env("FACEBOOK_ACCESS_TOKEN");
  s.app_secret = env("FACEBOOK_APP_SECRET");
  s.app_id = env("FACEBOOK_APP_ID");
  s.oauth_dialog_url = env("FACEBOOK_OAUTH_DIALOG_URL");
  s.redirect_uri = env("FACEBOOK_REDIRECT_URI");
  s.webhook_verify_token = env("FACEBOOK_WEBHOOK_VERIFY_TOKEN");
  if (auto url = env("FACEBOOK_GRAPH_URL"); !url.empty()) {
    while (!url.empty() && url.back() == '/') url.pop_back();
    s.graph_url = url;
  }
  if (auto url = env("FACEBOOK_GRAPH_VIDEO_URL"); !url.empty()) {
    while (!url.empty() && url.back() == '/') url.pop_back();
    s.graph_video_url = url;
  }
  if (auto version = env("FACEBOOK_API_VERSION"); !version.empty()) s.api_version = version;
  s.fixtures_dir = env("FACEBOOK_FIXTURES_DIR");
  s.fake_clock = env("FACEBOOK_FAKE_CLOCK");
  s.fake_state = env("FACEBOOK_FAKE_STATE");
  if (auto limits = env("FACEBOOK_SPEND_LIMITS"); !limits.empty()) {
    s.spend_limits = nlohmann::json::parse(limits, nullptr, false);
    if (s.spend_limits.is_discarded()) {
      s.spend_limits = nullptr;
      s.settings_error = "FACEBOOK_SPEND_LIMITS is not valid JSON";  // fail closed: no silent "no limits"
    }
  }
  if (auto timeout = env("FACEBOOK_HTTP_TIMEOUT_MS"); !timeout.empty()) {
    try {
      s.http_timeout_ms = std::max(100L, std::stol(timeout));
    } catch (...) {
    }
  }
  if (auto budget = env("FACEBOOK_MAX_RESULT_CHARS"); !budget.empty()) {
    size_t chars = 0;
    const auto [end, error] = std::from_chars(budget.data(), budget.data() + budget.size(), chars);
    if (error != std::errc() || end != budget.data() + budget.size() || chars < 2000) {
      s.settings_error = "FACEBOOK_MAX_RESULT_CHARS must be a whole number of characters, at least 2000";
    } else {
      s.max_result_chars = chars;
    }
  }
  if (auto read_only = env("FACEBOOK_READ_ONLY"); !read_only.empty()) {
    // Fails closed: a value that is neither yes nor no refuses the start rather than silently allowing writes.
    if (read_only == "1" || read_only == "true" || read_only == "yes") {
      s.read_only = true;
    } else if (read_only != "0" && read_only != "false" && read_only != "no") {
      s.settings_error = "FACEBOOK_READ_ONLY must be 1 (read-only) or 0, got '" + read_only + "'";
    }
  }
  register_secret(s.access_token);
  register_secret(s.app_secret);
  register_secret(s.webhook_verify_token);
  if (auto problem = placeholder_problem(); !problem.empty()) s.settings_error = problem;  // refuse to start

  const std::string mode = env("FACEBOOK_MODE");
  s.mode_chosen = force_fake || mode == "fake" || mode == "live";
  if (force_fake) {
    s.mode = Mode::Fake;
    s.mode_reason = "--fake given";
  } else if (mode == "fake") {
    s.mode = Mode::Fake;
    s.mode_reason = "FACEBOOK_MODE=fake";
  } else if (mode == "live") {
    s.mode = Mode::Live;
    s.mode_reason = "FACEBOOK_MODE=live";
  } else if (!s.access_token.empty()) {
    s.mode = Mode::Live;
    s.mode_reason = "FACEBOOK_ACCESS_TOKEN is set";
  } else {
    s.mode = Mode::Fake;
    s.mode_reason = "no FACEBOOK_ACCESS_TOKEN configured";
  }
  return s;
}

}  // namespace fbmcp::core
