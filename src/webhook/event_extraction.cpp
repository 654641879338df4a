#include "webhook/event_extraction.hpp"

#include "core/json_read.hpp"
#include "crypto/digest.hpp"
#include "webhook/value_summary.hpp"

namespace fbmcp::webhook {
namespace {

// Ids arrive as strings ("10210299214172187"); a number is taken as its decimal text so both spellings dedupe alike.
std::string id_text(const nlohmann::json* id) {
  if (!id) return {};
  if (id->is_string()) return id->get<std::string>();
  if (id->is_number_integer()) return id->dump();
  return {};
}

int64_t time_of(const nlohmann::json* time) {
  if (time && time->is_number_integer()) return time->get<int64_t>();
  if (time && time->is_number_float()) return static_cast<int64_t>(time->get<double>());
  return 0;
}

// The same event delivered twice (Meta retries until it gets a 200) hashes alike: what it is, not when it came.
std::string event_key(const std::string& object, const std::string& entry_id, int64_t time,
                      const nlohmann::json& change) {
  const std::string canonical = change.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  return crypto::sha256_hex(object + "\n" + entry_id + "\n" + std::to_string(time) + "\n" + canonical);
}

}  // namespace

core::Result<std::vector<store::WebhookEvent>> extract_events(std::string_view raw_body, int64_t received_at) {
  auto body = core::parse_json_bounded(raw_body, kMaxEventJsonDepth);
  if (!body) return std::unexpected(body.error());
  if (!body->is_object()) return core::fail(core::ErrorKind::InvalidArgs, "the event body is not a JSON object");
  const auto* object = core::find_field(*body, "object");
  const auto* entries = core::find_field(*body, "entry");
  if (!object || !object->is_string() || !entries || !entries->is_array()) {
    return core::fail(core::ErrorKind::InvalidArgs, "the event body has no \"object\" string and \"entry\" array");
  }
  const std::string kind = object->get<std::string>();
  std::vector<store::WebhookEvent> events;
  for (const auto& entry : *entries) {
    if (!entry.is_object()) return core::fail(core::ErrorKind::InvalidArgs, "an entry is not a JSON object");
    store::WebhookEvent base;
    base.received_at = received_at;
    base.object = kind;
    base.entry_id = id_text(core::find_field(entry, "id"));
    base.time = time_of(core::find_field(entry, "time"));
    const auto* changes = core::find_field(entry, "changes");
    if (!changes || !changes->is_array()) {
      // No "changes": the entry itself is the event (its other keys say what happened).
      nlohmann::json rest = entry;
      rest.erase("id");
      rest.erase("time");
      base.value_summary = summarize_value(rest);
      base.dedupe_key = event_key(kind, base.entry_id, base.time, rest);
      events.push_back(std::move(base));
    } else {
      for (const auto& change : *changes) {
        store::WebhookEvent event = base;
        const auto* field = core::find_field(change, "field");
        if (field && field->is_string()) event.field = field->get<std::string>();
        const auto* value = core::find_field(change, "value");
        event.value_summary = summarize_value(value ? *value : nlohmann::json());
        event.dedupe_key = event_key(kind, event.entry_id, event.time, change);
        events.push_back(std::move(event));
      }
    }
    if (events.size() > kMaxEventsPerPost) {
      return core::fail(core::ErrorKind::InvalidArgs,
                        "the body holds more than " + std::to_string(kMaxEventsPerPost) + " events");
    }
  }
  return events;
}

}  // namespace fbmcp::webhook
