// `facebook-mcp token add | list | remove | rotate-key`: the encrypted token store from a terminal (issue 12).
// A token is read from stdin, never from argv, where ps and shell history would keep it.
#pragma once
#include <string>
#include <vector>

namespace fbmcp::app {

// `args` follow the word `token`; `json_output` is the global --json flag (for `token list`).
int token_command(const std::vector<std::string>& args, bool json_output);

}  // namespace fbmcp::app
