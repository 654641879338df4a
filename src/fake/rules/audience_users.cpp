#include "fake/rules/audience_users.hpp"

#include <algorithm>

#include "core/json_read.hpp"
#include "fake/rules/audience_status.hpp"

namespace fbmcp::fake {
namespace {

constexpr size_t kMaxRowsPerRequest = 10'000;
constexpr const char* kMatched = "_fake_matched";
constexpr const char* kSessions = "_fake_sessions";
constexpr const char* kSharedWith = "_fake_shared_with";

const char* const kMultiKeys[] = {"EXTERN_ID", "EMAIL", "PHONE", "GEN", "DOBY", "DOBM", "DOBD", "LN",
                                  "FN",        "FI",    "CT",    "ST",  "ZIP",  "MADID", "COUNTRY"};
// Single-key schemas the emulator takes (PSDK customaudiencemixin.py Schema; UID needs app ids and is not emulated).
const char* const kSingleKeys[] = {"EMAIL_SHA256", "PHONE_SHA256", "MOBILE_ADVERTISER_ID"};

bool is_unhashed_key(const std::string& key) {
  return key == "EXTERN_ID" || key == "MADID" || key == "MOBILE_ADVERTISER_ID";
}

bool is_lower_hex64(const std::string& value) {
  return value.size() == 64 &&
         std::all_of(value.begin(), value.end(), [](char c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'); });
}

GraphError schema_mismatch() {
  GraphError e;
  e.message = "(#100) Data is missing or does not match schema";
  e.error_data = {{"blame_field_specs", {{"payload"}}}};
  return e;
}

struct UploadCount {
  int64_t received = 0;
  int64_t invalid = 0;
  int64_t matched = 0;
  nlohmann::json samples = nlohmann::json::object();  // invalid value → why (hashes, never raw data the client kept)
};

std::expected<UploadCount, GraphError> count_payload(const ParamMap& params) {
  const auto payload = json_param(params, "payload");
  if (!payload) return std::unexpected(missing_param("payload"));
  if (!payload->is_object()) return std::unexpected(schema_mismatch());
  const auto* schema_field = core::find_field(*payload, "schema");
  const auto* data = core::find_field(*payload, "data");
  if (!schema_field || !data || !data->is_array()) return std::unexpected(schema_mismatch());
  std::vector<std::string> schema;
  bool single = false;
  if (schema_field->is_string()) {
    const auto key = schema_field->get<std::string>();
    if (std::none_of(std::begin(kSingleKeys), std::end(kSingleKeys), [&](const char* k) { return key == k; })) {
      return std::unexpected(invalid_param("payload", "Invalid schema " + key + ": use EMAIL_SHA256, PHONE_SHA256, "
                                                      "MOBILE_ADVERTISER_ID or a list of multi-key keys"));
    }
    schema.push_back(key);
    single = true;
  } else if (schema_field->is_array() && !schema_field->empty()) {
    for (const auto& key : *schema_field) {
      const std::string name = key.is_string() ? key.get<std::string>() : "";
      if (std::none_of(std::begin(kMultiKeys), std::end(kMultiKeys), [&](const char* k) { return name == k; }) ||
          std::count(schema.begin(), schema.end(), name)) {
        return std::unexpected(invalid_param("payload", "Invalid schema key " + key.dump() + " in payload.schema"));
      }
      schema.push_back(name);
    }
  } else {
    return std::unexpected(schema_mismatch());
  }
  if (data->size() > kMaxRowsPerRequest) {
    return std::unexpected(invalid_param("payload", "(#100) Too many users in one request: at most 10000 per request",
                                         "Too many users", "Send at most 10,000 users per request; split larger lists "
                                                           "into batches of one session."));
  }
  UploadCount count;
  for (const auto& row : *data) {
    std::vector<std::string> values;
    if (single) {
      if (!row.is_string()) return std::unexpected(schema_mismatch());
      values.push_back(row.get<std::string>());
    } else {
      if (!row.is_array() || row.size() != schema.size()) return std::unexpected(schema_mismatch());
      for (const auto& v : row) {
        if (!v.is_string()) return std::unexpected(schema_mismatch());
        values.push_back(v.get<std::string>());
      }
    }
    ++count.received;
    std::string first_value;  // the first non-empty value: a hash, or an unhashed id
    bool any = false;
    bool bad = false;
    for (size_t i = 0; i < values.size(); ++i) {
      if (values[i].empty()) continue;
      any = true;
      if (first_value.empty()) first_value = values[i];
      if (is_unhashed_key(schema[i])) continue;
      if (!is_lower_hex64(values[i])) {
        bad = true;
        if (count.samples.size() < 5) count.samples[values[i].substr(0, 80)] = schema[i] + " is not a SHA-256 hash";
        break;
      }
    }
    if (bad || !any) {
      ++count.invalid;
      continue;
    }
    // A hash's first hex digit is uniform; an unhashed id's first character is not, so it is folded to 16 values.
    const unsigned char c = static_cast<unsigned char>(first_value[0]);
    const int nibble = (c >= '0' && c <= '9') ? c - '0' : (c >= 'a' && c <= 'f') ? c - 'a' + 10 : c % 16;
    if (nibble < 10) ++count.matched;
  }
  return count;
}

int64_t matched_of(const nlohmann::json& audience) {
  const auto* matched = core::find_field(audience, kMatched);
  if (matched && matched->is_number_integer()) return matched->get<int64_t>();
  // A fixture audience: its lower bound is what it has matched so far.
  const auto* lower = core::find_field(audience, "approximate_count_lower_bound");
  return lower && lower->is_number_integer() ? lower->get<int64_t>() : 0;
}

WriteResult users_request(WriteContext& ctx, Node& audience, const std::string& method, bool replace,
                          const ParamMap& params) {
  const std::string id = core::string_or_empty(audience.data, "id");
  if (core::string_or_empty(audience.data, "subtype") != "CUSTOM") {
    return std::unexpected(invalid_param("payload", "", "Not a customer list",
                                         "Users can be added to, removed from or replaced in customer-list audiences "
                                         "(subtype CUSTOM) only."));
  }
  const auto session = json_param(params, "session");
  if (replace && !session) return std::unexpected(missing_param("session"));
  std::string session_id;
  bool last_batch = true;
  if (session) {
    const auto* sid = session->is_object() ? core::find_field(*session, "session_id") : nullptr;
    if (!sid || !(sid->is_number_integer() || sid->is_string())) {
      return std::unexpected(invalid_param("session", "session must be a JSON object with a numeric session_id, e.g. "
                                                      "{\"session_id\":9778993,\"batch_seq\":1,\"last_batch_flag\":true}"));
    }
    session_id = sid->is_string() ? sid->get<std::string>() : std::to_string(sid->get<int64_t>());
    const auto* last = core::find_field(*session, "last_batch_flag");
    last_batch = last && last->is_boolean() && last->get<bool>();
  }
  auto counted = count_payload(params);
  if (!counted) return std::unexpected(counted.error());

  const int64_t sign = method == "DELETE" ? -1 : 1;
  auto& sessions = audience.data[kSessions];
  if (!sessions.is_object()) sessions = nlohmann::json::object();
  if (session) {
    auto& open = sessions[session_id];
    if (!open.is_object()) open = {{"delta", 0}, {"replace", replace}};
    open["delta"] = open["delta"].get<int64_t>() + sign * counted->matched;
  }
  if (last_batch) {
    int64_t matched = matched_of(audience.data);
    if (session) {
      const auto& open = sessions[session_id];
      matched = open["replace"].get<bool>() ? open["delta"].get<int64_t>() : matched + open["delta"].get<int64_t>();
      sessions.erase(session_id);
    } else {
      matched += sign * counted->matched;
    }
    matched = std::max<int64_t>(matched, 0);
    audience.data[kMatched] = matched;
    set_audience_size(audience.data, matched);
  }
  if (sessions.empty()) audience.data.erase(kSessions);
  (void)ctx;
  return nlohmann::json{{"audience_id", id},
                        {"session_id", session_id.empty() ? "0" : session_id},
                        {"num_received", counted->received},
                        {"num_invalid_entries", counted->invalid},
                        {"invalid_entry_samples", counted->samples}};
}

WriteResult share_request(WriteContext& ctx, Node& audience, const ParamMap& params) {
  const auto accounts = json_param(params, "adaccounts");
  if (!accounts) return std::unexpected(missing_param("adaccounts"));
  if (!accounts->is_array() || accounts->empty()) {
    return std::unexpected(invalid_param("adaccounts", "adaccounts must be a JSON list of ad account ids, e.g. [\"act_123\"]"));
  }
  auto shared = audience.data.value(kSharedWith, nlohmann::json::array());
  for (const auto& entry : *accounts) {
    std::string act = entry.is_string() ? entry.get<std::string>() : entry.is_number_integer() ? std::to_string(entry.get<int64_t>()) : "";
    if (!act.starts_with("act_")) act = "act_" + act;
    const Node* account = ctx.store.find(act);
    if (!account || account->type != "adaccount") {
      return std::unexpected(invalid_param("adaccounts", "", "Invalid ad account",
                                           act + " is not an ad account you can share this audience with."));
    }
    if (std::find(shared.begin(), shared.end(), act) == shared.end()) shared.push_back(act);
  }
  audience.data[kSharedWith] = shared;
  return nlohmann::json{{"success", true}};
}

}  // namespace

bool is_shared_with(const Node& audience, const std::string& act_id) {
  const auto* shared = core::find_field(audience.data, kSharedWith);
  return shared && shared->is_array() && std::find(shared->begin(), shared->end(), act_id) != shared->end();
}

std::optional<WriteResult> audience_users_edge(WriteContext& ctx, Node& audience, const std::string& method,
                                               const std::string& edge, const ParamMap& params) {
  if (audience.type != "customaudience") return std::nullopt;
  if (edge == "users" && (method == "POST" || method == "DELETE")) return users_request(ctx, audience, method, false, params);
  if (edge == "usersreplace" && method == "POST") return users_request(ctx, audience, method, true, params);
  if (edge == "adaccounts" && method == "POST") return share_request(ctx, audience, params);
  return std::nullopt;
}

}  // namespace fbmcp::fake
