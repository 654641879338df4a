// Process settings, read once from the environment (DESIGN §7: secrets come from the environment, never argv).
#pragma once
#include <nlohmann/json.hpp>
#include <string>

namespace fbmcp::core {

enum class Mode { Fake, Live };
std::string to_string(Mode mode);

struct Settings {
  Mode mode = Mode::Fake;
  std::string access_token;     // FACEBOOK_ACCESS_TOKEN
  std::string app_secret;       // FACEBOOK_APP_SECRET
  std::string app_id;           // FACEBOOK_APP_ID: the Meta app `login` signs in to
  std::string oauth_dialog_url; // FACEBOOK_OAUTH_DIALOG_URL: empty = https://www.facebook.com/<version>/dialog/oauth
  std::string redirect_uri;     // FACEBOOK_REDIRECT_URI: login's loopback callback; empty = a free port
  std::string webhook_verify_token;  // FACEBOOK_WEBHOOK_VERIFY_TOKEN: what Meta's webhook subscription check sends
  std::string graph_url = "https://graph.facebook.com";  // FACEBOOK_GRAPH_URL
  // FACEBOOK_GRAPH_VIDEO_URL: where video uploads go; empty = graph-video.facebook.com with the default graph_url,
  // else graph_url itself (a fake-graph server or a proxy serves both).
  std::string graph_video_url;
  std::string api_version = "v24.0";                     // FACEBOOK_API_VERSION (Meta SDK 24.0.1 default)
  std::string fixtures_dir;     // FACEBOOK_FIXTURES_DIR: empty = fixtures compiled into the binary
  std::string fake_clock;       // FACEBOOK_FAKE_CLOCK: fixed "now" for the emulator, for reproducible runs
  std::string fake_state;       // FACEBOOK_FAKE_STATE (or --state): fake mode keeps its world in this file; empty = in memory
  std::string data_dir;          // FACEBOOK_MCP_DATA_DIR etc.: where the local store lives (live mode)
  long http_timeout_ms = 60000;  // FACEBOOK_HTTP_TIMEOUT_MS: total time one Graph call may take
  size_t max_result_chars = 40000;  // FACEBOOK_MAX_RESULT_CHARS: size budget of one result's structuredContent
  nlohmann::json spend_limits;   // FACEBOOK_SPEND_LIMITS (JSON); null = no limits beyond confirmation
  // FACEBOOK_READ_ONLY=1 (or --read-only): only read ops are offered and run; every other op is refused before
  // Graph is called (issue 14), so a host can run an analysis-only agent safely.
  bool read_only = false;
  std::string settings_error;    // a setting that could not be read; the server refuses to start with it
  std::string mode_reason;      // one line saying why this mode was chosen, for the start banner
  bool mode_chosen = false;     // --fake or FACEBOOK_MODE decided it (not the presence of a token)
  std::string token_label;      // the stored token in use (app/token_store_access.hpp); empty = the environment's
  long long token_expires_at = 0;  // the stored token's expiry (Unix seconds; 0 = unknown or never)
};

// FACEBOOK_MODE=fake|live wins; otherwise live when a token is set, else fake. `force_fake` is the --fake flag.
// Registers every secret it reads with the redactor.
Settings load_settings(bool force_fake);

}  // namespace fbmcp::core
