#include "fake/targeting/targeting_search.hpp"
#include "core/text.hpp"

#include <algorithm>
#include <cctype>
#include <optional>
#include <vector>

namespace fbmcp::fake {
namespace {

constexpr size_t kSearchDefaultLimit = 25;
constexpr size_t kSearchMaxLimit = 1000;

std::optional<std::string> get(const std::map<std::string, std::string>& params, const std::string& key) {
  const auto it = params.find(key);
  if (it == params.end()) return std::nullopt;
  return it->second;
}

// 0 exact, 1 prefix, 2 a word starts with the query, 3 substring; nullopt: no match. An empty query matches all.
std::optional<int> match_rank(const std::string& name, const std::string& query) {
  if (query.empty()) return 3;
  const auto n = core::ascii_lower(name);
  if (n == query) return 0;
  if (n.rfind(query, 0) == 0) return 1;
  const auto at = n.find(query);
  if (at == std::string::npos) return std::nullopt;
  for (auto pos = at; pos != std::string::npos; pos = n.find(query, pos + 1)) {
    if (!std::isalnum(static_cast<unsigned char>(n[pos - 1]))) return 2;
  }
  return 3;
}

double size_of(const nlohmann::json& item) {
  if (item.contains("audience")) return item.value("audience", 0.0);
  return item.value("audience_size_upper_bound", 0.0);
}

std::expected<size_t, GraphError> limit_of(const std::map<std::string, std::string>& params) {
  const auto raw = get(params, "limit");
  if (!raw) return kSearchDefaultLimit;
  const bool digits = !raw->empty() && raw->size() < 7 && std::all_of(raw->begin(), raw->end(), ::isdigit);
  if (!digits || std::stoul(*raw) == 0) {
    return std::unexpected(invalid_param("limit", "limit must be a positive integer, e.g. 25"));
  }
  return std::min<size_t>(std::stoul(*raw), kSearchMaxLimit);
}

// Items of `pool` matching `query`, best first, at most `limit`, each shaped by `shape`.
template <typename Shape>
nlohmann::json ranked(const std::vector<const nlohmann::json*>& pool, const std::string& query, size_t limit,
                      Shape shape) {
  std::vector<std::pair<int, const nlohmann::json*>> hits;
  const auto q = core::ascii_lower(query);
  for (const auto* item : pool) {
    if (auto rank = match_rank(item->value("name", ""), q)) hits.emplace_back(*rank, item);
  }
  std::stable_sort(hits.begin(), hits.end(), [](const auto& a, const auto& b) {
    if (a.first != b.first) return a.first < b.first;
    const double sa = size_of(*a.second), sb = size_of(*b.second);
    if (sa != sb) return sa > sb;
    return a.second->value("name", "") < b.second->value("name", "");
  });
  auto data = nlohmann::json::array();
  for (size_t i = 0; i < hits.size() && i < limit; ++i) data.push_back(shape(*hits[i].second));
  return data;
}

std::vector<const nlohmann::json*> pool_of(const TargetingDb& db, std::initializer_list<const char*> kinds) {
  std::vector<const nlohmann::json*> pool;
  for (const char* kind : kinds) {
    for (const auto& item : db.all(kind)) pool.push_back(&item);
  }
  return pool;
}

// AdAccountTargetingUnified / interest search fields (NSDK ad-account-targeting-unified.js): the emulator's own
// bookkeeping (`audience`) never leaves.
nlohmann::json detailed_shape(const nlohmann::json& item, bool with_type) {
  nlohmann::json out = {{"id", item.value("id", "")},
                        {"name", item.value("name", "")},
                        {"audience_size_lower_bound", item.value("audience_size_lower_bound", 0LL)},
                        {"audience_size_upper_bound", item.value("audience_size_upper_bound", 0LL)},
                        {"path", item.value("path", nlohmann::json::array())}};
  if (item.contains("topic")) out["topic"] = item["topic"];
  out["description"] = item.contains("description") ? item["description"] : nlohmann::json();
  if (with_type) out["type"] = item.value("type", "");
  return out;
}

nlohmann::json location_shape(const nlohmann::json& item) {
  nlohmann::json out = item;
  out.erase("audience");
  return out;
}

// A list param as Graph takes it: a JSON array (["a","b"]) or a bare comma-separated string.
std::vector<std::string> list_param(const std::map<std::string, std::string>& params, const std::string& key) {
  std::vector<std::string> out;
  const auto raw = get(params, key);
  if (!raw) return out;
  const auto value = nlohmann::json::parse(*raw, nullptr, false);
  if (value.is_array()) {
    for (const auto& v : value) {
      if (v.is_string()) out.push_back(v.get<std::string>());
    }
    return out;
  }
  size_t start = 0;
  while (start <= raw->size()) {
    const auto comma = raw->find(',', start);
    auto part = raw->substr(start, comma == std::string::npos ? std::string::npos : comma - start);
    if (!part.empty()) out.push_back(part);
    if (comma == std::string::npos) break;
    start = comma + 1;
  }
  return out;
}

std::expected<nlohmann::json, GraphError> search_geo(const TargetingDb& db,
                                                     const std::map<std::string, std::string>& params, size_t limit) {
  static const std::pair<const char*, const char*> kTypes[] = {
      {"country", "countries"}, {"region", "regions"}, {"city", "cities"}, {"zip", "zips"}};
  auto types = list_param(params, "location_types");
  if (types.empty()) types = {"country", "region", "city", "zip"};
  std::vector<const nlohmann::json*> pool;
  const auto country = get(params, "country_code");
  for (const auto& type : types) {
    const auto it = std::find_if(std::begin(kTypes), std::end(kTypes), [&](const auto& t) { return type == t.first; });
    if (it == std::end(kTypes)) {
      return std::unexpected(invalid_enum("location_types", type, {"country", "region", "city", "zip"}));
    }
    for (const auto& item : db.all(it->second)) {
      if (!country || item.value("country_code", "") == *country) pool.push_back(&item);
    }
  }
  return nlohmann::json{{"data", ranked(pool, get(params, "q").value_or(""), limit, location_shape)}};
}

std::expected<nlohmann::json, GraphError> search_category(const TargetingDb& db,
                                                          const std::map<std::string, std::string>& params,
                                                          size_t limit) {
  const auto cls = get(params, "class");
  if (!cls) return std::unexpected(missing_param("class"));
  std::vector<const nlohmann::json*> pool;
  if (*cls == "interests" || *cls == "behaviors" || *cls == "demographics") {
    pool = pool_of(db, {cls->c_str()});
  } else {
    for (const auto& item : db.all("demographics")) {
      if (item.value("type", "") == *cls) pool.push_back(&item);
    }
    if (pool.empty()) {
      return std::unexpected(invalid_enum("class", *cls,
                                          {"interests", "behaviors", "demographics", "life_events", "family_statuses",
                                           "industries", "income", "education_statuses", "relationship_statuses"}));
    }
  }
  // A category listing is ordered as Graph browses it: by path, then name (no query to rank by).
  std::vector<const nlohmann::json*> sorted = pool;
  std::stable_sort(sorted.begin(), sorted.end(), [](const auto* a, const auto* b) {
    return a->value("path", nlohmann::json::array()).dump() < b->value("path", nlohmann::json::array()).dump();
  });
  auto data = nlohmann::json::array();
  for (size_t i = 0; i < sorted.size() && i < limit; ++i) data.push_back(detailed_shape(*sorted[i], true));
  return nlohmann::json{{"data", data}};
}

std::expected<nlohmann::json, GraphError> suggest_interests(const TargetingDb& db,
                                                            const std::map<std::string, std::string>& params,
                                                            size_t limit) {
  const auto names = list_param(params, "interest_list");
  if (names.empty()) return std::unexpected(missing_param("interest_list"));
  // Suggestions are interests beside the given ones in the topic tree: same parent first, then same topic.
  std::vector<const nlohmann::json*> seeds;
  for (const auto& item : db.all("interests")) {
    const auto name = core::ascii_lower(item.value("name", ""));
    if (std::any_of(names.begin(), names.end(), [&](const std::string& n) { return core::ascii_lower(n) == name; })) {
      seeds.push_back(&item);
    }
  }
  const auto parent = [](const nlohmann::json& item) {
    auto path = item.value("path", nlohmann::json::array());
    if (path.size() > 1) path.erase(path.size() - 1);
    return path.dump();
  };
  std::vector<std::pair<int, const nlohmann::json*>> hits;
  for (const auto& item : db.all("interests")) {
    if (std::find(seeds.begin(), seeds.end(), &item) != seeds.end()) continue;
    int best = 3;
    for (const auto* seed : seeds) {
      if (parent(item) == parent(*seed)) best = std::min(best, 0);
      else if (item.value("topic", "") == seed->value("topic", "")) best = std::min(best, 1);
    }
    if (best < 3) hits.emplace_back(best, &item);
  }
  std::stable_sort(hits.begin(), hits.end(), [](const auto& a, const auto& b) {
    if (a.first != b.first) return a.first < b.first;
    return size_of(*a.second) > size_of(*b.second);
  });
  auto data = nlohmann::json::array();
  for (size_t i = 0; i < hits.size() && i < limit; ++i) data.push_back(detailed_shape(*hits[i].second, false));
  return nlohmann::json{{"data", data}};
}

}  // namespace

std::expected<nlohmann::json, GraphError> targeting_search(const TargetingDb& db,
                                                           const std::map<std::string, std::string>& params) {
  const auto type = get(params, "type");
  if (!type) return std::unexpected(missing_param("type"));
  auto limit = limit_of(params);
  if (!limit) return std::unexpected(limit.error());
  if (*type == "adinterest") {
    const auto q = get(params, "q");
    if (!q || q->empty()) return std::unexpected(missing_param("q"));
    return nlohmann::json{{"data", ranked(pool_of(db, {"interests"}), *q, *limit,
                                          [](const nlohmann::json& i) { return detailed_shape(i, false); })}};
  }
  if (*type == "adinterestsuggestion") return suggest_interests(db, params, *limit);
  if (*type == "adTargetingCategory") return search_category(db, params, *limit);
  if (*type == "adgeolocation") return search_geo(db, params, *limit);
  if (*type == "adlocale") {
    std::vector<const nlohmann::json*> pool = pool_of(db, {"locales"});
    return nlohmann::json{{"data", ranked(pool, get(params, "q").value_or(""), *limit, location_shape)}};
  }
  return std::unexpected(invalid_enum(
      "type", *type, {"adinterest", "adinterestsuggestion", "adTargetingCategory", "adgeolocation", "adlocale"}));
}

std::expected<nlohmann::json, GraphError> account_targeting_search(const TargetingDb& db,
                                                                   const std::map<std::string, std::string>& params) {
  const auto q = get(params, "q");
  if (!q || q->empty()) return std::unexpected(missing_param("q"));
  auto limit = limit_of(params);
  if (!limit) return std::unexpected(limit.error());
  return nlohmann::json{{"data", ranked(pool_of(db, {"interests", "behaviors", "demographics"}), *q, *limit,
                                        [](const nlohmann::json& i) { return detailed_shape(i, true); })}};
}

}  // namespace fbmcp::fake
