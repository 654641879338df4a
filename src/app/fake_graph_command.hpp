// `facebook-mcp fake-graph --port N [--fixtures DIR] [--fault JSON]…`: the emulator over HTTP on 127.0.0.1.
#pragma once
#include <string>
#include <vector>

namespace fbmcp::app {

int fake_graph_command(const std::vector<std::string>& args);

}  // namespace fbmcp::app
