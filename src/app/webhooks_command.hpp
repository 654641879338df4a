// `facebook-mcp webhooks --port N [--host H] [--public-url URL]`: the receiver for Meta's webhooks and user
// callbacks (webhook/webhook_server.hpp), storing into the data dir that `list_webhook_events` reads.
#pragma once
#include <string>
#include <vector>

namespace fbmcp::app {

int webhooks_command(const std::vector<std::string>& args);

}  // namespace fbmcp::app
