#include "fake/targeting/targeting_spec.hpp"

#include <algorithm>
#include <set>

namespace fbmcp::fake {
namespace {

// FBD/marketing-api/audiences/reference/targeting-restrictions: "Minimum age of a user to target ad | 13",
// "Maximum age … | 65"; FBD/marketing-api/audiences/reference/basic-targeting: age_min "Defaults to 18. If used,
// must be 13 or higher", age_max "If used, must be 65 or lower", genders "1 targets males, 2 targets females".
constexpr int kMinAge = 13;
constexpr int kMaxAge = 65;
// Special ad categories (FBD/marketing-api/audiences/special-ad-category; restrictions apply to HOUSING,
// EMPLOYMENT, CREDIT and, since January 2025, FINANCIAL_PRODUCTS_SERVICES; "Targeting for ads about social issues,
// elections or politics are not affected" — FBD/marketing-api/reference/ad-campaign-group): ages fixed at 18–65+,
// all genders, no ZIP targeting, locations with at least a 15-mile radius, no detailed-targeting exclusions. The
// exact error Graph sends is not published; code 100 naming the field, as for any refused parameter.
constexpr int kRestrictedMinAge = 18;
constexpr double kRestrictedMinRadiusMiles = 15;
// Location targeting radius around a city (FBD/marketing-api/audiences/reference/basic-targeting, cities):
// 10–50 miles or 17–80 km. [recall: not re-read in a Meta page this session]
constexpr double kCityRadiusMiles[] = {10, 50};
constexpr double kCityRadiusKm[] = {17, 80};

// The answer to a spec with no location, as Graph sends it (error_subcode 1885364, quoted by
// pipeboard-co/meta-ads-mcp PR #147; error_user_msg quoted from Graph in daroczig/fbRads issue #68).
constexpr int kMissingLocationSubcode = 1885364;

// blame_field_specs lists the path to the refused value, one component each ([["targeting", "geo_locations",
// "cities", "0"]]), as Graph blames nested fields; clients that read only the first component get the param.
GraphError refuse(const std::string& field, const std::string& path, const std::string& title, const std::string& msg) {
  auto e = invalid_param(field, "", title, msg);
  e.message = "(#100) Invalid parameter " + field + (path.empty() ? "" : "." + path) + ": " + msg;
  auto components = nlohmann::json::array({field});
  std::string part;
  for (const char c : path) {
    if (c == '.' || c == '[' || c == ']') {
      if (!part.empty()) components.push_back(part);
      part.clear();
    } else {
      part += c;
    }
  }
  if (!part.empty()) components.push_back(part);
  // nlohmann would read a two-element [name, value] list as an object: build the arrays explicitly.
  e.error_data = {{"blame_field_specs", nlohmann::json::array({components})}};
  return e;
}

std::optional<std::string> key_of(const nlohmann::json& item) {
  const nlohmann::json* key = item.is_object() && item.contains("key") ? &item["key"] : &item;
  if (key->is_string()) return key->get<std::string>();
  if (key->is_number_integer()) return std::to_string(key->get<long long>());
  return std::nullopt;
}

bool is_restricting(const nlohmann::json& categories) {
  if (!categories.is_array()) return false;
  for (const auto& c : categories) {
    if (!c.is_string()) continue;
    const auto v = c.get<std::string>();
    if (v == "HOUSING" || v == "EMPLOYMENT" || v == "CREDIT" || v == "FINANCIAL_PRODUCTS_SERVICES") return true;
  }
  return false;
}

std::optional<GraphError> check_locations(const TargetingDb& db, const nlohmann::json& spec, const std::string& field,
                                          bool restricted) {
  const bool has_audience = spec.contains("custom_audiences") && spec["custom_audiences"].is_array() &&
                            !spec["custom_audiences"].empty();
  const auto geo_it = spec.find("geo_locations");
  bool any = false;
  if (geo_it != spec.end()) {
    const auto& geo = *geo_it;
    if (!geo.is_object()) {
      return refuse(field, "geo_locations", "Invalid locations",
                    "geo_locations must be an object, e.g. {\"countries\":[\"US\"]}.");
    }
    static const std::pair<const char*, const char*> kKinds[] = {
        {"countries", "countries"}, {"regions", "regions"}, {"cities", "cities"}, {"zips", "zips"}};
    for (const auto& [key, kind] : kKinds) {
      if (!geo.contains(key)) continue;
      const auto& list = geo[key];
      if (!list.is_array()) {
        return refuse(field, std::string("geo_locations.") + key, "Invalid locations",
                      std::string(key) + " must be a list, e.g. " +
                          (std::string(key) == "countries" ? "[\"US\"]" : "[{\"key\":\"3847\"}]") + ".");
      }
      if (restricted && std::string(key) == "zips" && !list.empty()) {
        return refuse(field, "geo_locations.zips", "ZIP targeting not allowed",
                      "Campaigns in a special ad category (housing, employment, credit, financial products) can't "
                      "target ZIP codes; target a city with a radius of at least 15 miles, a region or a country.");
      }
      for (size_t i = 0; i < list.size(); ++i) {
        const auto key_value = key_of(list[i]);
        const std::string where = std::string("geo_locations.") + key + "[" + std::to_string(i) + "]";
        if (!key_value || !db.location(kind, *key_value)) {
          return refuse(field, where, "Invalid location",
                        "Unknown location " + (key_value ? "'" + *key_value + "'" : std::string("entry")) + " in " +
                            key + ". Find keys with GET /search?type=adgeolocation&q=<name>" +
                            (std::string(key) == "countries" ? "; countries are ISO 3166-1 alpha-2 codes such as \"US\"."
                                                             : "."));
        }
        if (std::string(key) == "cities" && list[i].is_object() && list[i].contains("radius")) {
          const auto& radius = list[i]["radius"];
          const std::string unit = list[i].contains("distance_unit") && list[i]["distance_unit"].is_string()
                                       ? list[i]["distance_unit"].get<std::string>()
                                       : "mile";
          if (unit != "mile" && unit != "kilometer") {
            return refuse(field, where + ".distance_unit", "Invalid distance unit",
                          "distance_unit must be \"mile\" or \"kilometer\".");
          }
          const auto* bounds = unit == "mile" ? kCityRadiusMiles : kCityRadiusKm;
          if (!radius.is_number() || radius.get<double>() < bounds[0] || radius.get<double>() > bounds[1]) {
            return refuse(field, where + ".radius", "Invalid radius",
                          "A city radius must be between " + std::to_string(static_cast<int>(bounds[0])) + " and " +
                              std::to_string(static_cast<int>(bounds[1])) + " " + unit + "s, e.g. 25.");
          }
          const double miles = unit == "mile" ? radius.get<double>() : radius.get<double>() / 1.609344;
          if (restricted && miles < kRestrictedMinRadiusMiles) {
            return refuse(field, where + ".radius", "Radius too small",
                          "Campaigns in a special ad category need a radius of at least 15 miles (25 km) around a "
                          "city.");
          }
        }
        any = true;
      }
    }
  }
  if (!any && !has_audience) {
    GraphError e = invalid_param(field, "", "Missing target audience location",
                                 "Your audience targeting is incomplete. Select at least one location, or choose a "
                                 "Custom Audience.",
                                 kMissingLocationSubcode);
    e.message = "(#100) Invalid parameter " + field +
                ".geo_locations: at least one location is required, e.g. {\"geo_locations\":{\"countries\":[\"US\"]}}";
    e.error_data = {{"blame_field_specs", nlohmann::json::array({nlohmann::json::array({field, "geo_locations"})})}};
    return e;
  }
  return std::nullopt;
}

std::optional<GraphError> check_ages(const nlohmann::json& spec, const std::string& field, bool restricted) {
  int ages[2] = {kRestrictedMinAge, kMaxAge};
  const char* names[2] = {"age_min", "age_max"};
  for (int i = 0; i < 2; ++i) {
    if (!spec.contains(names[i])) continue;
    const auto& v = spec[names[i]];
    if (!v.is_number_integer() || v.get<long long>() < kMinAge || v.get<long long>() > kMaxAge) {
      return refuse(field, names[i], "Invalid age",
                    std::string(names[i]) + " must be a whole number from 13 to 65 (65 means 65 and older), e.g. " +
                        (i == 0 ? "18." : "65."));
    }
    ages[i] = static_cast<int>(v.get<long long>());
  }
  if (ages[0] > ages[1]) {
    return refuse(field, "age_min", "Invalid age range",
                  "age_min (" + std::to_string(ages[0]) + ") must not be greater than age_max (" +
                      std::to_string(ages[1]) + ").");
  }
  if (restricted && (ages[0] != kRestrictedMinAge || ages[1] != kMaxAge)) {
    return refuse(field, ages[0] != kRestrictedMinAge ? "age_min" : "age_max", "Age can't be narrowed",
                  "Campaigns in a special ad category (housing, employment, credit, financial products) must target "
                  "ages 18 to 65+: leave age_min and age_max out or set them to 18 and 65.");
  }
  return std::nullopt;
}

std::optional<GraphError> check_genders(const nlohmann::json& spec, const std::string& field, bool restricted) {
  if (!spec.contains("genders")) return std::nullopt;
  const auto& genders = spec["genders"];
  if (!genders.is_array()) return refuse(field, "genders", "Invalid genders", "genders must be a list: [1] men, [2] women.");
  std::set<long long> seen;
  for (const auto& g : genders) {
    if (!g.is_number_integer() || (g.get<long long>() != 1 && g.get<long long>() != 2)) {
      return refuse(field, "genders", "Invalid genders",
                    "genders holds 1 (men) and/or 2 (women), e.g. [2]; leave it out for everyone.");
    }
    seen.insert(g.get<long long>());
  }
  if (restricted && seen.size() == 1) {
    return refuse(field, "genders", "Gender can't be narrowed",
                  "Campaigns in a special ad category (housing, employment, credit, financial products) must target "
                  "all genders: leave genders out.");
  }
  return std::nullopt;
}

std::optional<GraphError> check_detailed_group(const TargetingDb& db, const nlohmann::json& group,
                                               const std::string& field, const std::string& where) {
  if (!group.is_object()) {
    return refuse(field, where, "Invalid detailed targeting",
                  "each flexible_spec entry is an object, e.g. {\"interests\":[{\"id\":\"6003107902433\"}]}.");
  }
  for (const std::string key : kDetailedTargetingKeys) {
    const std::string& type = key;  // an entry's database type is its key's name
    if (!group.contains(key)) continue;
    const auto& list = group[key];
    if (!list.is_array()) {
      return refuse(field, where + "." + key, "Invalid detailed targeting",
                    std::string(key) + " must be a list of {\"id\":…} objects.");
    }
    for (size_t i = 0; i < list.size(); ++i) {
      const auto& item = list[i];
      std::optional<std::string> id;
      if (item.is_object() && item.contains("id")) id = key_of(item["id"]);
      else id = key_of(item);
      const std::string at = where + "." + key + "[" + std::to_string(i) + "]";
      const auto* found = id ? db.detailed(*id) : nullptr;
      const bool wrong_type = found && found->value("type", "") != type;
      if (!found || wrong_type) {
        const std::string what = std::string(key) == "interests" ? "interest" : std::string(key);
        return refuse(field, at, "Invalid " + what,
                      (id ? "'" + *id + "'" : std::string("This entry")) + " is not a valid " + what + " id" +
                          (wrong_type ? " (it is a " + found->value("type", "") + " id)" : "") +
                          ". Find ids with GET /search?type=" +
                          (std::string(key) == "interests" ? "adinterest&q=<name>" : "adTargetingCategory&class=" + std::string(key)) +
                          ", e.g. {\"id\":\"6003107902433\",\"name\":\"Outdoor recreation\"}.");
      }
    }
  }
  return std::nullopt;
}

std::optional<GraphError> check_detailed(const TargetingDb& db, const nlohmann::json& spec, const std::string& field,
                                         bool restricted) {
  if (auto e = check_detailed_group(db, spec, field, "")) return e;
  if (spec.contains("flexible_spec")) {
    const auto& flexible = spec["flexible_spec"];
    if (!flexible.is_array()) {
      return refuse(field, "flexible_spec", "Invalid detailed targeting",
                    "flexible_spec must be a list of groups, e.g. [{\"interests\":[{\"id\":\"6003107902433\"}]}].");
    }
    for (size_t i = 0; i < flexible.size(); ++i) {
      if (auto e = check_detailed_group(db, flexible[i], field, "flexible_spec[" + std::to_string(i) + "]")) return e;
    }
  }
  if (spec.contains("exclusions")) {
    if (restricted) {
      return refuse(field, "exclusions", "Exclusions not allowed",
                    "Campaigns in a special ad category can't exclude people by detailed targeting; remove exclusions.");
    }
    if (auto e = check_detailed_group(db, spec["exclusions"], field, "exclusions")) return e;
  }
  if (spec.contains("locales")) {
    const auto& locales = spec["locales"];
    const bool ok = locales.is_array() && std::all_of(locales.begin(), locales.end(), [&](const nlohmann::json& l) {
                      return l.is_number_integer() && db.locale(static_cast<int>(l.get<long long>()));
                    });
    if (!ok) {
      return refuse(field, "locales", "Invalid locales",
                    "locales is a list of locale keys (numbers); find them with GET /search?type=adlocale&q=<language>.");
    }
  }
  return std::nullopt;
}

std::optional<GraphError> check_audiences(const ObjectStore& store, const nlohmann::json& spec, const std::string& field) {
  for (const char* key : {"custom_audiences", "excluded_custom_audiences"}) {
    if (!spec.contains(key)) continue;
    const auto& list = spec[key];
    if (!list.is_array()) {
      return refuse(field, key, "Invalid custom audiences",
                    std::string(key) + " must be a list of {\"id\":…} objects, e.g. [{\"id\":\"238510000000000001\"}].");
    }
    for (size_t i = 0; i < list.size(); ++i) {
      const auto id = list[i].is_object() && list[i].contains("id") ? key_of(list[i]["id"]) : key_of(list[i]);
      const Node* audience = id ? store.find(*id) : nullptr;
      if (!audience || audience->type != "customaudience") {
        return refuse(field, std::string(key) + "[" + std::to_string(i) + "]", "Invalid custom audience",
                      (id ? "'" + *id + "'" : std::string("This entry")) +
                          " is not a custom audience of this account; list them with GET /act_<id>/customaudiences.");
      }
    }
  }
  return std::nullopt;
}

}  // namespace

bool restricts_targeting(const nlohmann::json& special_ad_categories) { return is_restricting(special_ad_categories); }

std::optional<GraphError> validate_targeting(const TargetingDb& db, const ObjectStore& store, const nlohmann::json& spec,
                                             const std::string& field, const nlohmann::json& special_ad_categories) {
  if (!spec.is_object()) {
    return refuse(field, "", "Invalid targeting",
                  field + " must be a JSON object, e.g. {\"geo_locations\":{\"countries\":[\"US\"]},\"age_min\":18}.");
  }
  const bool restricted = is_restricting(special_ad_categories);
  if (auto e = check_audiences(store, spec, field)) return e;
  if (auto e = check_locations(db, spec, field, restricted)) return e;
  if (auto e = check_ages(spec, field, restricted)) return e;
  if (auto e = check_genders(spec, field, restricted)) return e;
  return check_detailed(db, spec, field, restricted);
}

}  // namespace fbmcp::fake
