#include "media/url_fetch.hpp"

#include <arpa/inet.h>
#include <curl/curl.h>
#include <netdb.h>
#include <sys/socket.h>

#include <chrono>
#include <cstdlib>
#include <cstring>
#include <memory>
#include <mutex>
#include <optional>
#include <vector>

namespace fbmcp::media {
namespace {

core::Result<Fetched> url_refused(const std::string& arg, std::string message, std::string hint) {
  auto error = core::fail(core::ErrorKind::InvalidArgs, std::move(message), std::move(hint));
  error.error().path = arg;
  return error;
}

bool v4_non_public(const unsigned char a[4]) {
  const auto in = [&](unsigned prefix_a, unsigned prefix_b, unsigned bits) {
    const uint32_t addr = (uint32_t{a[0]} << 24) | (uint32_t{a[1]} << 16) | (uint32_t{a[2]} << 8) | a[3];
    const uint32_t net = (prefix_a << 24) | (prefix_b << 16);
    const uint32_t mask = bits == 0 ? 0 : ~uint32_t{0} << (32 - bits);
    return (addr & mask) == (net & mask);
  };
  // IANA special-purpose registry (RFC 6890 and successors): this network, private, CGNAT, loopback, link-local,
  // IETF protocol assignments, benchmarking, multicast, reserved and broadcast.
  return in(0, 0, 8) || in(10, 0, 8) || in(100, 64, 10) || in(127, 0, 8) || in(169, 254, 16) || in(172, 16, 12) ||
         (a[0] == 192 && a[1] == 0 && a[2] == 0) || in(192, 168, 16) || in(198, 18, 15) || a[0] >= 224;
}

bool v6_non_public(const unsigned char a[16]) {
  static constexpr unsigned char kZero[16] = {};
  if (std::memcmp(a, kZero, 15) == 0) return true;             // :: and ::1
  if (std::memcmp(a, kZero, 12) == 0) return true;             // ::a.b.c.d (deprecated IPv4-compatible)
  static constexpr unsigned char kMapped[12] = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff};
  if (std::memcmp(a, kMapped, 12) == 0) return v4_non_public(a + 12);  // ::ffff:a.b.c.d
  static constexpr unsigned char kNat64[12] = {0, 0x64, 0xff, 0x9b, 0, 0, 0, 0, 0, 0, 0, 0};
  if (std::memcmp(a, kNat64, 12) == 0) return v4_non_public(a + 12);   // 64:ff9b::a.b.c.d
  if ((a[0] & 0xfe) == 0xfc) return true;                      // fc00::/7 unique local
  if (a[0] == 0xfe && (a[1] & 0xc0) == 0x80) return true;      // fe80::/10 link-local
  if (a[0] == 0xfe && (a[1] & 0xc0) == 0xc0) return true;      // fec0::/10 site-local (deprecated)
  if (a[0] == 0xff) return true;                               // multicast
  return false;
}

struct Download {
  std::string bytes;
  size_t max_bytes = 0;
  bool over = false;
};

size_t collect_capped(char* data, size_t size, size_t count, void* out) {
  auto& download = *static_cast<Download*>(out);
  const size_t n = size * count;
  if (download.bytes.size() + n > download.max_bytes) {
    download.over = true;
    return 0;  // CURLE_WRITE_ERROR ends the transfer
  }
  download.bytes.append(data, n);
  return n;
}

struct UrlParts {
  std::string scheme, host, port;
};

std::optional<UrlParts> parse_url(const std::string& url) {
  std::unique_ptr<CURLU, decltype(&curl_url_cleanup)> handle(curl_url(), curl_url_cleanup);
  if (!handle || curl_url_set(handle.get(), CURLUPART_URL, url.c_str(), 0) != CURLUE_OK) return std::nullopt;
  UrlParts parts;
  const auto get = [&](CURLUPart part, std::string& out, unsigned flags) {
    char* value = nullptr;
    if (curl_url_get(handle.get(), part, &value, flags) != CURLUE_OK) return false;
    out = value;
    curl_free(value);
    return true;
  };
  if (!get(CURLUPART_SCHEME, parts.scheme, 0)) return std::nullopt;
  // file: URLs have no host; the scheme alone is enough to refuse them, so the caller sees why.
  get(CURLUPART_HOST, parts.host, 0);
  get(CURLUPART_PORT, parts.port, CURLU_DEFAULT_PORT);
  return parts;
}

// Every address `host` resolves to, numeric.
std::vector<std::string> resolve_host(const std::string& host) {
  addrinfo hints{};
  hints.ai_family = AF_UNSPEC;
  hints.ai_socktype = SOCK_STREAM;
  addrinfo* found = nullptr;
  std::vector<std::string> out;
  if (::getaddrinfo(host.c_str(), nullptr, &hints, &found) != 0) return out;
  for (addrinfo* at = found; at; at = at->ai_next) {
    char text[INET6_ADDRSTRLEN] = {};
    if (::getnameinfo(at->ai_addr, at->ai_addrlen, text, sizeof text, nullptr, 0, NI_NUMERICHOST) == 0) {
      out.emplace_back(text);
    }
  }
  ::freeaddrinfo(found);
  return out;
}

bool is_hostname(const std::string& host) {
  unsigned char scratch[16];
  return ::inet_pton(AF_INET, host.c_str(), scratch) != 1 && ::inet_pton(AF_INET6, host.c_str(), scratch) != 1;
}

}  // namespace

bool private_urls_allowed() {
  const char* value = std::getenv("FACEBOOK_ALLOW_PRIVATE_URLS");
  return value && std::string(value) == "1";
}

bool is_non_public_address(const std::string& numeric) {
  unsigned char v4[4];
  if (::inet_pton(AF_INET, numeric.c_str(), v4) == 1) return v4_non_public(v4);
  unsigned char v6[16];
  // A scoped address ("fe80::1%eth0") is link-local anyway; inet_pton refuses the suffix, so it counts as not public.
  if (::inet_pton(AF_INET6, numeric.c_str(), v6) == 1) return v6_non_public(v6);
  return true;
}

core::Result<Fetched> fetch_url(const std::string& url, const FetchOptions& options, const std::string& arg) {
  static std::once_flag global_init;
  std::call_once(global_init, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(options.timeout_ms);
  const std::string example = "e.g. {\"" + arg + "\":\"https://example.com/ad." + (options.what == "video" ? "mp4" : "jpg") + "\"}";
  std::string current = url;
  for (int hop = 0;; ++hop) {
    const std::string where = hop == 0 ? arg : arg + " (after " + std::to_string(hop) + " redirect(s), at " + current + ")";
    const auto parts = parse_url(current);
    if (!parts) return url_refused(arg, where + " is not a valid URL", example);
    if (parts->scheme != "http" && parts->scheme != "https") {
      return url_refused(arg, where + " uses " + parts->scheme + ":, only http and https are fetched", example);
    }
    if (parts->host.empty() || parts->port.empty()) return url_refused(arg, where + " has no host", example);
    std::string host = parts->host;
    if (host.size() > 2 && host.front() == '[' && host.back() == ']') host = host.substr(1, host.size() - 2);
    const auto addresses = resolve_host(host);
    if (addresses.empty()) {
      return url_refused(arg, where + ": cannot resolve host '" + host + "'", "check the URL; " + example);
    }
    if (!options.allow_private) {
      for (const auto& address : addresses) {
        if (is_non_public_address(address)) {
          return url_refused(arg,
                             where + ": host '" + host + "' resolves to " + address +
                                 ", a loopback, private, link-local or reserved address; uploads are fetched from "
                                 "public addresses only",
                             "use a public URL of the " + options.what + ", or pass it as " + options.local_alternative);
        }
      }
    }
    const auto remaining = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now()).count();
    if (remaining <= 0) return url_refused(arg, where + ": the download took longer than " + std::to_string(options.timeout_ms / 1000) + " s", example);

    std::unique_ptr<CURL, decltype(&curl_easy_cleanup)> curl(curl_easy_init(), curl_easy_cleanup);
    if (!curl) return core::fail(core::ErrorKind::Internal, "libcurl could not start");
    // Pin the connection to the addresses just checked (all of them, so curl can still fall back from IPv6 to
    // IPv4): curl takes them from this list instead of asking DNS again (CURLOPT_RESOLVE, "host:port:a,b"). A host
    // that is an address literal is not looked up by curl at all (and "::1:80:…" would not parse): no pin needed.
    std::string pinned;
    for (const auto& address : addresses) {
      pinned += (pinned.empty() ? "" : ",") + (address.find(':') != std::string::npos ? "[" + address + "]" : address);
    }
    const bool literal = !is_hostname(host);
    const std::string entry = host + ":" + parts->port + ":" + pinned;
    std::unique_ptr<curl_slist, decltype(&curl_slist_free_all)> resolve_list(
        literal ? nullptr : curl_slist_append(nullptr, entry.c_str()), curl_slist_free_all);
    Download download;
    download.max_bytes = options.max_bytes;
    CURL* c = curl.get();
    curl_easy_setopt(c, CURLOPT_URL, current.c_str());
    if (resolve_list) curl_easy_setopt(c, CURLOPT_RESOLVE, resolve_list.get());
    curl_easy_setopt(c, CURLOPT_PROTOCOLS_STR, "http,https");
    curl_easy_setopt(c, CURLOPT_FOLLOWLOCATION, 0L);  // redirects are checked hop by hop, here
    // No proxy, even when http_proxy is set: through a proxy the checked address would not be the one reached.
    curl_easy_setopt(c, CURLOPT_PROXY, "");
    curl_easy_setopt(c, CURLOPT_MAXFILESIZE_LARGE, static_cast<curl_off_t>(options.max_bytes));
    curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, collect_capped);
    curl_easy_setopt(c, CURLOPT_WRITEDATA, &download);
    curl_easy_setopt(c, CURLOPT_TIMEOUT_MS, static_cast<long>(remaining));
    curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT_MS, options.connect_timeout_ms);
    curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(c, CURLOPT_USERAGENT, "facebook-mcp image fetch");
    const CURLcode code = curl_easy_perform(c);
    const std::string too_big = where + " is larger than " + std::to_string(options.max_bytes) + " bytes (" +
                                std::to_string(options.max_bytes / (1024 * 1024)) + " MB)";
    if (download.over || code == CURLE_FILESIZE_EXCEEDED) return url_refused(arg, too_big, "use a smaller " + options.what);
    if (code == CURLE_OPERATION_TIMEDOUT) {
      return url_refused(arg, where + ": the download took longer than " + std::to_string(options.timeout_ms / 1000) + " s",
                         "try again, or download the " + options.what + " and pass it as file_path");
    }
    if (code != CURLE_OK) {
      return url_refused(arg, where + ": download failed: " + curl_easy_strerror(code), "check the URL; " + example);
    }
    long status = 0;
    curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &status);
    if (status >= 300 && status < 400) {
      char* location = nullptr;
      curl_easy_getinfo(c, CURLINFO_REDIRECT_URL, &location);
      if (!location) return url_refused(arg, where + " answered HTTP " + std::to_string(status) + " without a Location", example);
      if (hop >= options.max_redirects) {
        return url_refused(arg, arg + " redirected more than " + std::to_string(options.max_redirects) + " times",
                           "pass the " + options.what + "'s final URL");
      }
      current = location;
      continue;
    }
    if (status < 200 || status >= 300) {
      return url_refused(arg, where + " answered HTTP " + std::to_string(status), "check the URL; " + example);
    }
    return Fetched{std::move(download.bytes), current};
  }
}

}  // namespace fbmcp::media
