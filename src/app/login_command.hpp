// `facebook-mcp login [--label NAME] [--scopes a,b] [--timeout SECONDS]`: Facebook Login with a loopback callback,
// the code exchanged for a 60-day token, stored encrypted under the label (issue 12).
#pragma once
#include <string>
#include <vector>

namespace fbmcp::app {

int login_command(const std::vector<std::string>& args);

}  // namespace fbmcp::app
