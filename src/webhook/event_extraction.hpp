// From a verified event POST body to rows for the event store. Meta's event notifications are
// {"object": "<kind>", "entry": [{"id": "<object id>", "time": <unix>, "changes": [{"field": "…", "value": {…}}]}]}
// (developers.facebook.com/docs/graph-api/webhooks/, "Sample Notification"). An entry without a "changes" array
// (products whose entries are shaped otherwise) is kept as one row of its own rather than dropped.
#pragma once
#include <cstdint>
#include <string_view>
#include <vector>

#include "core/error.hpp"
#include "store/webhook_event_store.hpp"

namespace fbmcp::webhook {

// How much one POST may turn into: beyond it the body is refused, not half stored.
inline constexpr size_t kMaxEventsPerPost = 1000;
// Nesting a real payload never approaches; deeper bodies are refused while parsing, before a DOM exists.
inline constexpr int kMaxEventJsonDepth = 32;

// InvalidArgs (with a message fit for a log line, never the body) when the body is not such a payload.
core::Result<std::vector<store::WebhookEvent>> extract_events(std::string_view raw_body, int64_t received_at);

}  // namespace fbmcp::webhook
