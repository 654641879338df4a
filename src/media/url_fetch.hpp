// Downloading an upload from an http(s) URL without becoming a tool for reaching the machine's own network
// (server-side request forgery): an agent can be handed a URL such as http://169.254.169.254/ (cloud metadata) or
// http://127.0.0.1:6379/. Every hop is resolved here, every resolved address checked, and the connection pinned to
// the checked address (CURLOPT_RESOLVE), so a DNS answer that changes between the check and the connect (DNS
// rebinding) cannot send it elsewhere. Redirects are followed by hand, each one checked the same way.
#pragma once
#include <string>

#include "core/error.hpp"

namespace fbmcp::media {

struct FetchOptions {
  size_t max_bytes = 30u * 1024 * 1024;
  int max_redirects = 3;
  long timeout_ms = 30000;       // the whole download, all hops together
  long connect_timeout_ms = 10000;
  bool allow_private = false;    // FACEBOOK_ALLOW_PRIVATE_URLS=1: tests fetch from a server on 127.0.0.1
  std::string what = "image";    // what is downloaded, for hints
  std::string local_alternative = "file_path or image_base64";  // the other ways to pass it, for hints
};

struct Fetched {
  std::string bytes;
  std::string final_url;  // after redirects
};

// `arg` names the argument in errors ("image_url").
core::Result<Fetched> fetch_url(const std::string& url, const FetchOptions& options, const std::string& arg);

// Whether FACEBOOK_ALLOW_PRIVATE_URLS=1 is set.
bool private_urls_allowed();

// Whether a numeric address (IPv4 dotted or IPv6) is one an upload must not reach: loopback, private (RFC 1918,
// fc00::/7), link-local, carrier-grade NAT, unspecified, multicast, reserved, and IPv4 hidden inside IPv6
// (::ffff:a.b.c.d, 64:ff9b::a.b.c.d). Unparseable text counts as not public.
bool is_non_public_address(const std::string& numeric);

}  // namespace fbmcp::media
