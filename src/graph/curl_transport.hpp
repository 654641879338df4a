// Live Meta over libcurl: https://graph.facebook.com/<version>/<path>, token and appsecret_proof added here and
// nowhere else, keep-alive, gzip, HTTP/2 where offered, connect and total timeouts.
#pragma once
#include <string>

#include "graph/transport.hpp"

namespace fbmcp::graph {

struct CurlOptions {
  std::string base_url = "https://graph.facebook.com";
  std::string api_version = "v24.0";
  std::string access_token;
  std::string app_secret;  // when set, every call carries appsecret_proof
  long connect_timeout_ms = 10000;
  long total_timeout_ms = 60000;
  std::string user_agent;
};

class CurlTransport : public Transport {
 public:
  explicit CurlTransport(CurlOptions options);
  ~CurlTransport() override;
  core::Result<HttpResponse> send(const GraphRequest& request) override;

 private:
  CurlOptions options_;
  std::string appsecret_proof_;
};

// lowercase hex HMAC-SHA256(key = app secret, message = access token) (PSDK session.py _gen_appsecret_proof).
std::string appsecret_proof(const std::string& app_secret, const std::string& access_token);

}  // namespace fbmcp::graph
