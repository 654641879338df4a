#include "graph/curl_transport.hpp"

#include <curl/curl.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>

#include <algorithm>
#include <cctype>
#include <mutex>

#include "core/redact.hpp"
#include "graph/form_encoding.hpp"

namespace fbmcp::graph {
namespace {

size_t collect_body(char* data, size_t size, size_t count, void* out) {
  static_cast<std::string*>(out)->append(data, size * count);
  return size * count;
}

size_t collect_header(char* data, size_t size, size_t count, void* out) {
  std::string line(data, size * count);
  const auto colon = line.find(':');
  if (colon != std::string::npos) {
    std::string name = line.substr(0, colon);
    std::transform(name.begin(), name.end(), name.begin(), [](unsigned char c) { return std::tolower(c); });
    std::string value = line.substr(colon + 1);
    value.erase(0, value.find_first_not_of(" \t"));
    while (!value.empty() && (value.back() == '\r' || value.back() == '\n')) value.pop_back();
    (*static_cast<std::map<std::string, std::string>*>(out))[name] = value;
  }
  return size * count;
}

// One easy handle per thread keeps its connections alive across calls (curl reuses them per handle).
struct ThreadHandle {
  CURL* easy = curl_easy_init();
  ~ThreadHandle() { curl_easy_cleanup(easy); }
};

}  // namespace

std::string appsecret_proof(const std::string& app_secret, const std::string& access_token) {
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int length = 0;
  HMAC(EVP_sha256(), app_secret.data(), static_cast<int>(app_secret.size()),
       reinterpret_cast<const unsigned char*>(access_token.data()), access_token.size(), digest, &length);
  static constexpr char kHex[] = "0123456789abcdef";
  std::string hex;
  for (unsigned int i = 0; i < length; ++i) {
    hex += kHex[digest[i] >> 4];
    hex += kHex[digest[i] & 15];
  }
  return hex;
}

CurlTransport::CurlTransport(CurlOptions options) : options_(std::move(options)) {
  static std::once_flag global_init;
  std::call_once(global_init, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
  if (!options_.app_secret.empty() && !options_.access_token.empty()) {
    appsecret_proof_ = appsecret_proof(options_.app_secret, options_.access_token);
    core::register_secret(appsecret_proof_);
  }
  if (options_.user_agent.empty()) options_.user_agent = "facebook-mcp";
}

CurlTransport::~CurlTransport() = default;

core::Result<HttpResponse> CurlTransport::send(const GraphRequest& request) {
  thread_local ThreadHandle handle;
  CURL* curl = handle.easy;
  if (!curl) return core::fail(core::ErrorKind::Internal, "libcurl could not start");
  curl_easy_reset(curl);

  auto items = request.params.items();
  if (!options_.access_token.empty()) items.emplace_back("access_token", options_.access_token);
  if (!appsecret_proof_.empty()) items.emplace_back("appsecret_proof", appsecret_proof_);
  const std::string encoded = form_encode(items);
  std::string url = options_.base_url + "/" + options_.api_version + "/" + request.path;
  if (request.method == "POST") {
    curl_easy_setopt(curl, CURLOPT_POST, 1L);
    curl_easy_setopt(curl, CURLOPT_POSTFIELDS, encoded.c_str());
    curl_easy_setopt(curl, CURLOPT_POSTFIELDSIZE, static_cast<long>(encoded.size()));
  } else {
    url += "?" + encoded;
    if (request.method == "DELETE") curl_easy_setopt(curl, CURLOPT_CUSTOMREQUEST, "DELETE");
  }
  HttpResponse response;
  curl_easy_setopt(curl, CURLOPT_URL, url.c_str());
  curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, collect_body);
  curl_easy_setopt(curl, CURLOPT_WRITEDATA, &response.body);
  curl_easy_setopt(curl, CURLOPT_HEADERFUNCTION, collect_header);
  curl_easy_setopt(curl, CURLOPT_HEADERDATA, &response.headers);
  curl_easy_setopt(curl, CURLOPT_ACCEPT_ENCODING, "");  // every encoding curl supports, gzip included
  curl_easy_setopt(curl, CURLOPT_HTTP_VERSION, CURL_HTTP_VERSION_2TLS);
  curl_easy_setopt(curl, CURLOPT_CONNECTTIMEOUT_MS, options_.connect_timeout_ms);
  curl_easy_setopt(curl, CURLOPT_TIMEOUT_MS, options_.total_timeout_ms);
  curl_easy_setopt(curl, CURLOPT_USERAGENT, options_.user_agent.c_str());
  curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);
  const CURLcode code = curl_easy_perform(curl);
  if (code != CURLE_OK) {
    // curl's message never contains the URL, so no token can leak through it; redact anyway.
    return core::fail(core::ErrorKind::Network,
                      core::redact(std::string_view(std::string("could not reach Graph: ") + curl_easy_strerror(code))),
                      "check the network and FACEBOOK_GRAPH_URL; the call may be retried");
  }
  long status = 0;
  curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &status);
  response.status = static_cast<int>(status);
  return response;
}

}  // namespace fbmcp::graph
