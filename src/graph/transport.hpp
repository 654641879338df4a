// The seam between GraphClient and the wire. Live Meta and the in-process emulator are two implementations, so
// handlers never branch on the mode (DESIGN §1).
#pragma once
#include "core/error.hpp"
#include "graph/request.hpp"

namespace fbmcp::graph {

class Transport {
 public:
  virtual ~Transport() = default;
  // A transport error (no HTTP answer at all) is ErrorKind::Network. Any HTTP answer, error or not, is a response.
  virtual core::Result<HttpResponse> send(const GraphRequest& request) = 0;
};

}  // namespace fbmcp::graph
