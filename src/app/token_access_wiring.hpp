// Builds the process's auth::TokenAccess (issue 12): which token the process has and where it came from, the
// encrypted store and started logins (opened on first use; in fake mode both live in memory so emulated tokens
// never reach the real store), and a Graph client for any token over the same transport kind as the process's.
#pragma once
#include <memory>

#include "auth/token_access.hpp"
#include "core/settings.hpp"
#include "fake/graph_emulator.hpp"
#include "graph/curl_transport.hpp"

namespace fbmcp::app {

// libcurl options for `token` ("" = the app's own calls: no token, no appsecret_proof) against the configured Graph.
graph::CurlOptions curl_options(const core::Settings& settings, const std::string& token);

// `emulator` is set in fake mode only.
std::unique_ptr<auth::TokenAccess> make_token_access(const core::Settings& settings,
                                                     std::shared_ptr<fake::GraphEmulator> emulator);

}  // namespace fbmcp::app
