#include "fake/delivery/breakdown_cells.hpp"

#include <algorithm>
#include <map>

#include "core/json_read.hpp"
#include "fake/delivery/delivery_engine.hpp"
#include "fake/delivery/seeded_random.hpp"

namespace fbmcp::fake::delivery {
namespace {

struct Share {
  std::string value;
  double weight;
};

// Insights' age buckets (FBD/marketing-api/insights/breakdowns: age values "18-24" … "65+").
struct AgeBucket {
  const char* name;
  int low;
  int high;
  double weight;
};
constexpr AgeBucket kAgeBuckets[] = {{"13-17", 13, 17, 0.03}, {"18-24", 18, 24, 0.17}, {"25-34", 25, 34, 0.27},
                                     {"35-44", 35, 44, 0.22}, {"45-54", 45, 54, 0.15}, {"55-64", 55, 64, 0.10},
                                     {"65+", 65, 100, 0.06}};

const nlohmann::json& object_at(const nlohmann::json& data, const char* key) {
  static const nlohmann::json kEmpty = nlohmann::json::object();
  if (!data.is_object()) return kEmpty;
  const auto found = data.find(key);
  return found != data.end() && found->is_object() ? *found : kEmpty;
}

std::vector<std::string> strings_at(const nlohmann::json& data, const char* key) {
  std::vector<std::string> out;
  if (!data.is_object() || !data.contains(key) || !data[key].is_array()) return out;
  for (const auto& item : data[key]) {
    if (item.is_string()) out.push_back(item.get<std::string>());
  }
  return out;
}

int int_at(const nlohmann::json& data, const char* key, int fallback) {
  if (!data.is_object() || !data.contains(key) || !data[key].is_number_integer()) return fallback;
  return data[key].get<int>();
}

std::vector<Share> age_shares(const nlohmann::json& targeting) {
  const int age_min = int_at(targeting, "age_min", 18);
  const int age_max_raw = int_at(targeting, "age_max", 65);
  const int age_max = age_max_raw >= 65 ? 100 : age_max_raw;  // age_max 65 means "65 and over" in targeting
  std::vector<Share> out;
  for (const auto& bucket : kAgeBuckets) {
    const int low = std::max(bucket.low, age_min);
    const int high = std::min(bucket.high, age_max);
    if (low > high) continue;
    const double covered = static_cast<double>(high - low + 1) / (bucket.high - bucket.low + 1);
    out.push_back({bucket.name, bucket.weight * covered});
  }
  return out;
}

std::vector<Share> gender_shares(const nlohmann::json& targeting) {
  // Targeting genders: 1 = men, 2 = women (FBD/marketing-api/audiences/reference/basic-targeting); Insights rows say
  // "male", "female", and "unknown" for people who did not state one.
  bool men = true, women = true;
  if (targeting.is_object() && targeting.contains("genders") && targeting["genders"].is_array() &&
      !targeting["genders"].empty()) {
    men = women = false;
    for (const auto& g : targeting["genders"]) {
      if (g == 1) men = true;
      if (g == 2) women = true;
    }
  }
  std::vector<Share> out;
  if (women) out.push_back({"female", 0.52});
  if (men) out.push_back({"male", 0.45});
  if (men && women) out.push_back({"unknown", 0.03});
  return out;
}

std::vector<std::string> targeted_countries(const nlohmann::json& targeting) {
  auto countries = strings_at(object_at(targeting, "geo_locations"), "countries");
  if (countries.empty()) {
    const auto& geo = object_at(targeting, "geo_locations");
    for (const char* kind : {"regions", "cities"}) {
      if (!geo.contains(kind) || !geo[kind].is_array()) continue;
      for (const auto& place : geo[kind]) {
        const auto code = core::string_or_empty(place, "country");
        if (!code.empty() && std::find(countries.begin(), countries.end(), code) == countries.end()) countries.push_back(code);
      }
    }
  }
  if (countries.empty()) countries.push_back("US");
  return countries;
}

std::vector<Share> country_shares(const nlohmann::json& targeting, const std::string& adset_id) {
  std::vector<Share> out;
  const auto countries = targeted_countries(targeting);
  for (size_t i = 0; i < countries.size(); ++i) {
    const double weight = i == 0 ? 1.0 : 0.2 + static_cast<double>(hash_text(adset_id + countries[i]) % 600) / 1000.0;
    out.push_back({countries[i], weight});
  }
  return out;
}

std::vector<Share> region_shares(const nlohmann::json& targeting, const std::string& adset_id, const TargetingDb& db) {
  std::vector<Share> out;
  const auto& geo = object_at(targeting, "geo_locations");
  if (geo.contains("regions") && geo["regions"].is_array() && !geo["regions"].empty()) {
    for (const auto& region : geo["regions"]) {
      const auto* known = db.location("regions", core::string_or_empty(region, "key"));
      const std::string name = known ? core::string_or_empty(*known, "name") : core::string_or_empty(region, "name");
      if (!name.empty()) out.push_back({name, known && (*known).value("audience", 0.0) > 0 ? (*known)["audience"].get<double>() : 1.0});
    }
    if (!out.empty()) return out;
  }
  for (const auto& country : country_shares(targeting, adset_id)) {
    std::vector<const nlohmann::json*> regions;
    for (const auto& region : db.all("regions")) {
      if (core::string_or_empty(region, "country_code") == country.value) regions.push_back(&region);
    }
    std::sort(regions.begin(), regions.end(), [](const nlohmann::json* a, const nlohmann::json* b) {
      return a->value("audience", 0.0) > b->value("audience", 0.0);
    });
    if (regions.size() > 10) regions.resize(10);
    double audience = 0;
    for (const auto* r : regions) audience += r->value("audience", 0.0);
    if (regions.empty() || !(audience > 0)) {
      out.push_back({"Unknown", country.weight});
      continue;
    }
    for (const auto* r : regions) out.push_back({core::string_or_empty(*r, "name"), country.weight * r->value("audience", 0.0) / audience});
  }
  return out;
}

std::vector<Share> platform_shares(const nlohmann::json& targeting) {
  const auto allowed = strings_at(targeting, "publisher_platforms");
  static const std::vector<Share> kAll = {{"facebook", 0.55}, {"instagram", 0.35}, {"audience_network", 0.06}, {"messenger", 0.04}};
  std::vector<Share> out;
  for (const auto& share : kAll) {
    if (allowed.empty() || std::find(allowed.begin(), allowed.end(), share.value) != allowed.end()) out.push_back(share);
  }
  return out;
}

// Insights platform_position values per publisher platform (Meta SDK AdsInsights platform_position values as
// Graph returns them, e.g. "feed", "instagram_stories", "an_classic").
std::vector<Share> position_shares(const std::string& platform) {
  static const std::map<std::string, std::vector<Share>> kPositions = {
      {"facebook", {{"feed", 0.5}, {"facebook_reels", 0.12}, {"facebook_stories", 0.1}, {"marketplace", 0.08},
                    {"video_feeds", 0.06}, {"instream_video", 0.06}, {"right_hand_column", 0.05}, {"search", 0.03}}},
      {"instagram", {{"feed", 0.45}, {"instagram_stories", 0.25}, {"instagram_reels", 0.22}, {"instagram_explore", 0.08}}},
      {"audience_network", {{"an_classic", 0.7}, {"rewarded_video", 0.3}}},
      {"messenger", {{"messenger_inbox", 0.6}, {"messenger_stories", 0.4}}}};
  const auto found = kPositions.find(platform);
  return found == kPositions.end() ? std::vector<Share>{} : found->second;
}

std::vector<Share> device_shares(const nlohmann::json& targeting, bool impression_device) {
  const auto devices = strings_at(targeting, "device_platforms");
  const bool mobile = devices.empty() || std::find(devices.begin(), devices.end(), "mobile") != devices.end();
  const bool desktop = devices.empty() || std::find(devices.begin(), devices.end(), "desktop") != devices.end();
  std::vector<Share> out;
  if (impression_device) {
    if (mobile) out.insert(out.end(), {{"iphone", 0.42}, {"android_smartphone", 0.40}, {"ipad", 0.04}, {"android_tablet", 0.03}, {"other", 0.01}});
    if (desktop) out.push_back({"desktop", 0.10});
  } else {
    if (mobile) out.insert(out.end(), {{"mobile_app", 0.78}, {"mobile_web", 0.12}});
    if (desktop) out.push_back({"desktop", 0.10});
  }
  return out;
}

}  // namespace

bool is_modelled_breakdown(const std::string& name) {
  static const char* kModelled[] = {"age", "gender", "country", "region", "publisher_platform", "platform_position",
                                    "device_platform", "impression_device"};
  return std::any_of(std::begin(kModelled), std::end(kModelled), [&](const char* m) { return name == m; });
}

std::vector<BreakdownCell> breakdown_cells(const std::vector<std::string>& breakdowns, const nlohmann::json& adset,
                                           const TargetingDb& targeting_db) {
  const auto& targeting = object_at(adset, "targeting");
  const std::string adset_id = core::string_or_empty(adset, "id");
  std::vector<BreakdownCell> cells{{{}, 1.0}};
  for (size_t d = 0; d < breakdowns.size(); ++d) {
    const std::string& name = breakdowns[d];
    std::vector<BreakdownCell> grown;
    for (const auto& cell : cells) {
      std::vector<Share> shares;
      if (name == "age") shares = age_shares(targeting);
      else if (name == "gender") shares = gender_shares(targeting);
      else if (name == "country") shares = country_shares(targeting, adset_id);
      else if (name == "region") shares = region_shares(targeting, adset_id, targeting_db);
      else if (name == "publisher_platform") shares = platform_shares(targeting);
      else if (name == "platform_position") {
        // Positions belong to a platform: with publisher_platform in the same query, only that platform's.
        const auto at = std::find(breakdowns.begin(), breakdowns.begin() + static_cast<long>(d), "publisher_platform");
        if (at != breakdowns.begin() + static_cast<long>(d)) {
          shares = position_shares(cell.values[static_cast<size_t>(at - breakdowns.begin())]);
        } else {
          for (const auto& platform : platform_shares(targeting)) {
            for (auto share : position_shares(platform.value)) {
              share.weight *= platform.weight;
              shares.push_back(share);
            }
          }
        }
      } else if (name == "device_platform") shares = device_shares(targeting, false);
      else if (name == "impression_device") shares = device_shares(targeting, true);
      double sum = 0;
      for (const auto& s : shares) sum += s.weight;
      for (const auto& share : shares) {
        // Each ad set's mix differs a little from the average, by its id.
        const double jitter = 0.8 + static_cast<double>(hash_text(adset_id + "|" + name + "|" + share.value) % 401) / 1000.0;
        BreakdownCell next = cell;
        next.values.push_back(share.value);
        next.weight = cell.weight * (share.weight / (sum > 0 ? sum : 1)) * jitter;
        grown.push_back(std::move(next));
      }
    }
    cells = std::move(grown);
  }
  return cells;
}

std::vector<Counts> split_counts(const Counts& total, const std::vector<BreakdownCell>& cells) {
  std::vector<Counts> parts(cells.size(), Counts{});
  if (cells.size() == 1) {
    parts[0] = total;
    return parts;
  }
  std::vector<double> weights(cells.size());
  for (size_t i = 0; i < cells.size(); ++i) weights[i] = cells[i].weight;
  for (int m = 0; m < kMetricCount; ++m) {
    if (total[m] == 0) continue;
    const auto split = apportion(total[m], weights);
    for (size_t i = 0; i < cells.size(); ++i) parts[i][m] = split[i];
  }
  return parts;
}

}  // namespace fbmcp::fake::delivery
