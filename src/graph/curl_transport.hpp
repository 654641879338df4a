// Live Meta over libcurl: <base>/<version>/<path>, token and appsecret_proof added here and nowhere else. One
// connection pool for the process (a curl share of the connection cache and DNS, plus reusable easy handles), so
// calls ride kept-alive connections; gzip; HTTP/2 where offered; connect and total timeouts; independent requests
// overlap through curl multi.
#pragma once
#include <curl/curl.h>

#include <array>
#include <mutex>
#include <string>
#include <vector>

#include "graph/transport.hpp"

namespace fbmcp::graph {

inline constexpr const char* kGraphVideoUrl = "https://graph-video.facebook.com";

struct CurlOptions {
  std::string base_url = "https://graph.facebook.com";
  std::string video_base_url = kGraphVideoUrl;  // requests with Host::Video (video uploads)
  std::string api_version = "v24.0";
  std::string access_token;
  std::string app_secret;  // when set, every call carries appsecret_proof
  long connect_timeout_ms = 10000;
  long total_timeout_ms = 60000;
  std::string user_agent = "facebook-mcp";
};

class CurlTransport : public Transport {
 public:
  explicit CurlTransport(CurlOptions options);
  ~CurlTransport() override;
  CurlTransport(const CurlTransport&) = delete;
  CurlTransport& operator=(const CurlTransport&) = delete;

  core::Result<HttpResponse> send(const GraphRequest& request) override;
  std::vector<core::Result<HttpResponse>> send_all(const std::vector<GraphRequest>& requests) override;

  struct Exchange;  // one request in flight: its URL, body and the response being filled (libcurl callbacks see it)

 private:
  CURL* acquire();
  void release(CURL* handle);
  void prepare(CURL* handle, const GraphRequest& request, Exchange& exchange) const;
  static core::Result<HttpResponse> finish(CURL* handle, CURLcode code, Exchange& exchange);
  static void lock_share(CURL*, curl_lock_data data, curl_lock_access, void* self);
  static void unlock_share(CURL*, curl_lock_data data, void* self);

  CurlOptions options_;
  std::string appsecret_proof_;
  CURLSH* share_ = nullptr;
  std::array<std::mutex, CURL_LOCK_DATA_LAST> share_locks_;
  std::mutex pool_mutex_;
  std::vector<CURL*> idle_;
};

// lowercase hex HMAC-SHA256(key = app secret, message = access token) (PSDK session.py _gen_appsecret_proof).
std::string appsecret_proof(const std::string& app_secret, const std::string& access_token);

}  // namespace fbmcp::graph
