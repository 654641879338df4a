#include "fake/delivery/change_history.hpp"

#include <algorithm>
#include <limits>

#include "core/json_read.hpp"
#include "graph/graph_time.hpp"

namespace fbmcp::fake::delivery {
namespace {

constexpr const char* kTrackedFields[] = {"status", "daily_budget", "lifetime_budget"};

std::string text_of(const nlohmann::json& data, const std::string& field) {
  if (!data.is_object() || !data.contains(field)) return {};
  const auto& value = data[field];
  if (value.is_string()) return value.get<std::string>();
  if (value.is_number_integer()) return std::to_string(value.get<int64_t>());
  return {};
}

struct Change {
  int64_t at;
  std::string field;
  std::string before;
};

// Recorded changes, or the implied one of a fixture object (see the header).
std::vector<Change> history_of(const nlohmann::json& data) {
  std::vector<Change> changes;
  if (data.is_object() && data.contains(kChangesKey) && data[kChangesKey].is_array()) {
    for (const auto& entry : data[kChangesKey]) {
      if (!entry.is_object()) continue;
      const auto at = entry.find("at");
      if (at == entry.end() || !at->is_number_integer()) continue;
      changes.push_back({at->get<int64_t>(), core::string_or_empty(entry, "field"), core::string_or_empty(entry, "before")});
    }
    std::stable_sort(changes.begin(), changes.end(), [](const Change& a, const Change& b) { return a.at < b.at; });
    return changes;
  }
  const int64_t created = time_field(data, "created_time", 0);
  const int64_t updated = time_field(data, "updated_time", created);
  if (text_of(data, "status") != "ACTIVE" && updated > created) changes.push_back({updated, "status", "ACTIVE"});
  return changes;
}

}  // namespace

int64_t time_field(const nlohmann::json& data, const char* field, int64_t fallback) {
  const std::string text = text_of(data, field);
  if (text.empty()) return fallback;
  return graph::parse_graph_time(text).value_or(fallback);
}

void note_changes(const nlohmann::json& before, nlohmann::json& after, int64_t at) {
  std::vector<nlohmann::json> added;
  for (const char* field : kTrackedFields) {
    const std::string old_value = text_of(before, field);
    if (old_value != text_of(after, field)) added.push_back({{"at", at}, {"field", field}, {"before", old_value}});
  }
  if (added.empty()) return;
  auto recorded = nlohmann::json::array();
  // The first recorded change keeps the implied history of a fixture object, so its past does not change.
  for (const auto& change : history_of(before)) {
    recorded.push_back({{"at", change.at}, {"field", change.field}, {"before", change.before}});
  }
  for (auto& change : added) recorded.push_back(std::move(change));
  after[kChangesKey] = std::move(recorded);
}

std::string value_at(const nlohmann::json& data, const std::string& field, int64_t at) {
  for (const auto& change : history_of(data)) {
    if (change.field == field && change.at > at) return change.before;
  }
  return text_of(data, field);
}

std::vector<Interval> active_intervals(const nlohmann::json& data, int64_t from, int64_t to) {
  from = std::max(from, time_field(data, "created_time", std::numeric_limits<int64_t>::min()));
  std::vector<Interval> out;
  if (from >= to) return out;
  // Walk the status changes in time order: the status in force before each change is its `before`.
  int64_t cursor = std::numeric_limits<int64_t>::min();
  const auto add = [&](int64_t begin, int64_t end) {
    begin = std::max(begin, from);
    end = std::min(end, to);
    if (begin >= end) return;
    if (!out.empty() && out.back().to == begin) out.back().to = end;
    else out.push_back({begin, end});
  };
  for (const auto& change : history_of(data)) {
    if (change.field != "status") continue;
    if (change.before == "ACTIVE") add(cursor, change.at);
    cursor = change.at;
  }
  if (text_of(data, "status") == "ACTIVE") add(cursor, std::numeric_limits<int64_t>::max());
  return out;
}

std::vector<Interval> intersect(const std::vector<Interval>& a, const std::vector<Interval>& b) {
  std::vector<Interval> out;
  size_t i = 0, j = 0;
  while (i < a.size() && j < b.size()) {
    const int64_t begin = std::max(a[i].from, b[j].from);
    const int64_t end = std::min(a[i].to, b[j].to);
    if (begin < end) out.push_back({begin, end});
    if (a[i].to < b[j].to) ++i;
    else ++j;
  }
  return out;
}

int64_t overlap_seconds(const std::vector<Interval>& intervals, int64_t from, int64_t to) {
  int64_t total = 0;
  for (const auto& interval : intervals) {
    if (interval.to <= from) continue;
    if (interval.from >= to) break;
    total += std::min(interval.to, to) - std::max(interval.from, from);
  }
  return total;
}

}  // namespace fbmcp::fake::delivery
