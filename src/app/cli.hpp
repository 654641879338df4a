// The command line: serve (default), call, ops-table, --help, --version.
#pragma once

namespace fbmcp::app {

int run(int argc, char** argv);

}  // namespace fbmcp::app
