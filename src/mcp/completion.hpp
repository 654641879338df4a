// completion/complete for prompt arguments: ad account ids and campaign ids, read through the router so the
// values come from the same place ops read them (live Meta or the emulator).
#pragma once
#include "mcp/requests.hpp"
#include <nlohmann/json.hpp>

#include "tool/router.hpp"

namespace fbmcp::mcp {

// Returns completion/complete's result object {completion:{values, total, hasMore}}.
nlohmann::json complete_argument(const tool::Router& router, const CompleteRequest& request);

}  // namespace fbmcp::mcp
