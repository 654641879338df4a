// The seam between GraphClient and the wire. Live Meta and the in-process emulator are two implementations, so
// handlers never branch on the mode (DESIGN §1).
#pragma once
#include "core/error.hpp"
#include <vector>

#include "graph/request.hpp"

namespace fbmcp::graph {

class Transport {
 public:
  virtual ~Transport() = default;
  // A transport error (no HTTP answer at all) is ErrorKind::Network. Any HTTP answer, error or not, is a response.
  virtual core::Result<HttpResponse> send(const GraphRequest& request) = 0;
  // Independent requests of one op. Transports that can overlap them on the wire (CurlTransport, with curl multi)
  // do; the default sends one after another. Results are in request order.
  virtual std::vector<core::Result<HttpResponse>> send_all(const std::vector<GraphRequest>& requests) {
    std::vector<core::Result<HttpResponse>> out;
    for (const auto& request : requests) out.push_back(send(request));
    return out;
  }
};

}  // namespace fbmcp::graph
