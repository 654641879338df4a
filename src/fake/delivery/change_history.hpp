// When an object's status and budgets changed, so delivery on a past day follows what was set that day.
//
// The emulator keeps a node's changes to `status`, `daily_budget` and `lifetime_budget` in an internal key of its
// data (kChangesKey, never a Graph field: field selection only returns fields of the SDK's model, so no client
// sees it; the state file keeps it). Objects from the fixtures carry no changes; for them the history is implied:
// one that is not ACTIVE now but was updated after it was made ran ACTIVE until that update — so a paused fixture
// campaign has the past delivery a real one would have.
#pragma once
#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

namespace fbmcp::fake::delivery {

inline constexpr const char* kChangesKey = "__delivery_changes";

struct Interval {
  int64_t from = 0;  // UTC seconds, inclusive
  int64_t to = 0;    // exclusive
};

// Appends to `after` what changed between `before` and `after` at `at` (UTC seconds). Call on every update and
// delete of a campaign, ad set or ad; a no-op when nothing tracked changed.
void note_changes(const nlohmann::json& before, nlohmann::json& after, int64_t at);

// The value `field` had at `at` ("" when absent then).
std::string value_at(const nlohmann::json& data, const std::string& field, int64_t at);

// Where the object's own status was ACTIVE within [from, to): sorted, disjoint. Starts no earlier than the
// object's created_time.
std::vector<Interval> active_intervals(const nlohmann::json& data, int64_t from, int64_t to);

// Helpers for interval lists (sorted, disjoint).
std::vector<Interval> intersect(const std::vector<Interval>& a, const std::vector<Interval>& b);
int64_t overlap_seconds(const std::vector<Interval>& intervals, int64_t from, int64_t to);

// A Graph datetime field as UTC seconds; `fallback` when absent or unreadable.
int64_t time_field(const nlohmann::json& data, const char* field, int64_t fallback);

}  // namespace fbmcp::fake::delivery
