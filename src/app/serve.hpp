// `facebook-mcp` with no command: MCP over stdio until EOF.
#pragma once
#include "core/settings.hpp"

namespace fbmcp::app {

int serve_stdio(const core::Settings& settings);

}  // namespace fbmcp::app
