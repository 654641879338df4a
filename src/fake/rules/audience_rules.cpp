#include "fake/rules/audience_rules.hpp"

#include <cmath>

#include "core/json_read.hpp"
#include "fake/rules/audience_status.hpp"
#include "graph/graph_time.hpp"

namespace fbmcp::fake {
namespace {

constexpr const char* kAudienceFields = "customaudience";

// Hidden emulator state on an audience node; the field model (graph_model.json) has no such fields, so a read that
// asks for them is refused like any unknown field, and default reads never show them.
constexpr const char* kReadsUntilReady = "_fake_reads_until_ready";
constexpr const char* kLookalikePeople = "_fake_lookalike_people";

int64_t unix_now(const WriteContext& ctx) { return graph::parse_graph_time(ctx.now).value_or(0); }

GraphError audience_refusal(const std::string& field, const std::string& title, const std::string& message) {
  return invalid_param(field, "", title, message);
}

// event_sources of a rule's first inclusion: [{"type":"pixel","id":"…"}] (rule shape as FBD's website and
// engagement audience guides and facebook-ruby-business-sdk issue #55 show it).
std::optional<nlohmann::json> rule_event_sources(const nlohmann::json& rule) {
  const auto* inclusions = core::find_field(rule, "inclusions");
  const auto* rules = inclusions && inclusions->is_object() ? core::find_field(*inclusions, "rules") : nullptr;
  if (!rules || !rules->is_array() || rules->empty() || !(*rules)[0].is_object()) return std::nullopt;
  const auto* sources = core::find_field((*rules)[0], "event_sources");
  if (!sources || !sources->is_array() || sources->empty()) return std::nullopt;
  return *sources;
}

std::optional<GraphError> check_rule(const WriteContext& ctx, const std::string& subtype, const nlohmann::json& rule) {
  const bool website = subtype == "WEBSITE";
  const std::string example =
      website ? R"({"inclusions":{"operator":"or","rules":[{"event_sources":[{"type":"pixel","id":"<PIXEL_ID>"}],"retention_seconds":2592000,"filter":{"operator":"and","filters":[{"field":"url","operator":"i_contains","value":"shoes"}]}}]}})"
              : R"({"inclusions":{"operator":"or","rules":[{"event_sources":[{"type":"page","id":"<PAGE_ID>"}],"retention_seconds":31536000}]}})";
  const auto sources = rule.is_object() ? rule_event_sources(rule) : std::nullopt;
  if (!sources) {
    return audience_refusal("rule", "Invalid rule", "rule must be a JSON object with inclusions.rules[].event_sources, e.g. " + example);
  }
  for (const auto& source : *sources) {
    const auto type = source.is_object() ? core::string_or_empty(source, "type") : std::string();
    const auto id = source.is_object() ? core::string_or_empty(source, "id") : std::string();
    if (website) {
      if (type != "pixel" || id.empty()) {
        return audience_refusal("rule", "Invalid rule", "A website audience's event source is a pixel: {\"type\":\"pixel\",\"id\":\"<PIXEL_ID>\"}.");
      }
      continue;
    }
    const Node* node = ctx.store.find(id);
    const bool page = type == "page" && node && node->type == "page";
    const bool instagram = type == "ig_business" && node && node->type == "ig_user";
    if (!page && !instagram) {
      return audience_refusal("rule", "Invalid rule",
                              "An engagement audience's event source is a Page ({\"type\":\"page\",\"id\":\"<PAGE_ID>\"}) "
                              "or an Instagram account ({\"type\":\"ig_business\",\"id\":\"<IG_ID>\"}) you manage.");
    }
  }
  return std::nullopt;
}

int64_t retention_days_of(const nlohmann::json& rule) {
  const auto& first = rule["inclusions"]["rules"][0];  // check_rule has made sure it exists
  const auto* seconds = core::find_field(first, "retention_seconds");
  return seconds && seconds->is_number_integer() ? seconds->get<int64_t>() / 86400 : 30;
}

// What a lookalike spec asks for, checked: ratio range and countries.
struct LookalikeAsk {
  double starting_ratio = 0;
  double ratio = 0.01;
  std::string type = "custom_ratio";
  std::vector<std::string> countries;
};

std::expected<LookalikeAsk, GraphError> read_lookalike_spec(const nlohmann::json& spec) {
  const auto refuse = [](const std::string& message) {
    return std::unexpected(audience_refusal("lookalike_spec", "Invalid lookalike spec", message));
  };
  if (!spec.is_object()) return refuse("lookalike_spec must be a JSON object, e.g. {\"type\":\"custom_ratio\",\"ratio\":0.01,\"country\":\"US\"}.");
  LookalikeAsk ask;
  const auto* type = core::find_field(spec, "type");
  const auto* ratio = core::find_field(spec, "ratio");
  if (type && type->is_string()) ask.type = type->get<std::string>();
  if (ratio) {
    if (!ratio->is_number()) return refuse("ratio must be a number from 0.01 to 0.20.");
    ask.ratio = ratio->get<double>();
    const double percent = ask.ratio * 100;
    if (ask.ratio < 0.01 - 1e-9 || ask.ratio > 0.20 + 1e-9 || std::fabs(percent - std::round(percent)) > 1e-6) {
      return refuse("ratio must be from 0.01 to 0.20 in steps of 0.01 (1% to 20% of the country).");
    }
  } else if (ask.type == "similarity") {
    ask.ratio = 0.01;
  } else if (ask.type == "reach") {
    ask.ratio = 0.05;  // Meta does not publish what "reach" means as a ratio; the emulator's choice
  } else {
    return refuse("Set either type (similarity or reach) or ratio (0.01 to 0.20).");
  }
  if (const auto* start = core::find_field(spec, "starting_ratio")) {
    if (!start->is_number() || start->get<double>() < 0 || start->get<double>() >= ask.ratio) {
      return refuse("starting_ratio must be a number below ratio, e.g. starting_ratio 0.01 and ratio 0.02 for 1% to 2%.");
    }
    ask.starting_ratio = start->get<double>();
  }
  if (const auto* country = core::find_field(spec, "country"); country && country->is_string()) {
    ask.countries.push_back(country->get<std::string>());
  } else if (const auto* location = core::find_field(spec, "location_spec"); location && location->is_object()) {
    const auto* geo = core::find_field(*location, "geo_locations");
    const auto* countries = geo && geo->is_object() ? core::find_field(*geo, "countries") : nullptr;
    if (countries && countries->is_array()) {
      for (const auto& c : *countries) {
        if (c.is_string()) ask.countries.push_back(c.get<std::string>());
      }
    }
  }
  if (ask.countries.empty()) return refuse("Set country (e.g. \"US\") or location_spec.geo_locations.countries.");
  for (const auto& c : ask.countries) {
    if (c.size() != 2 || !std::isupper(static_cast<unsigned char>(c[0])) || !std::isupper(static_cast<unsigned char>(c[1]))) {
      return refuse("countries are ISO 3166-1 alpha-2 codes in capitals, e.g. \"US\".");
    }
  }
  return ask;
}

WriteResult build_lookalike(WriteContext& ctx, const std::string& account_id, const ParamMap& params, nlohmann::json audience) {
  const auto origin_id = param(params, "origin_audience_id");
  if (!origin_id) return std::unexpected(missing_param("origin_audience_id"));
  const Node* origin = ctx.store.find(*origin_id);
  if (!origin || origin->type != "customaudience" || core::string_or_empty(origin->data, "account_id") != account_id) {
    return std::unexpected(audience_refusal("origin_audience_id", "Invalid source audience",
                                            "origin_audience_id " + *origin_id + " is not a custom audience of ad account act_" +
                                                account_id + "; list them with GET /act_" + account_id + "/customaudiences."));
  }
  const auto* lower = core::find_field(origin->data, "approximate_count_lower_bound");
  if (!lower || !lower->is_number_integer() || lower->get<int64_t>() < 100) {
    return std::unexpected(audience_refusal("origin_audience_id", "Source audience too small",
                                            "A lookalike's source audience needs at least 100 people; this one has fewer."));
  }
  const auto spec = json_param(params, "lookalike_spec");
  if (!spec) return std::unexpected(missing_param("lookalike_spec"));
  auto ask = read_lookalike_spec(*spec);
  if (!ask) return std::unexpected(ask.error());
  nlohmann::json stored = {{"type", ask->type}, {"ratio", ask->ratio}};
  if (ask->starting_ratio > 0) stored["starting_ratio"] = ask->starting_ratio;
  if (ask->countries.size() == 1) stored["country"] = ask->countries[0];
  else stored["location_spec"] = {{"geo_locations", {{"countries", ask->countries}}}};
  stored["origin"] = nlohmann::json::array(
      {{{"id", *origin_id}, {"name", core::string_or_empty(origin->data, "name")}, {"type", "custom_audience"}}});
  audience["lookalike_spec"] = std::move(stored);
  // Size: about 2.3 million people per 1 % of a country, the fixtures' US 1 % lookalike's order of size.
  const double percent = (ask->ratio - ask->starting_ratio) * 100;
  audience[kLookalikePeople] = static_cast<int64_t>(std::llround(2'300'000 * percent * static_cast<double>(ask->countries.size())));
  audience[kReadsUntilReady] = 1;
  audience["delivery_status"] = populating_delivery_status();
  audience["approximate_count_lower_bound"] = 0;
  audience["approximate_count_upper_bound"] = 0;
  return audience;
}

}  // namespace

WriteResult build_custom_audience(WriteContext& ctx, const Node& account, const ParamMap& params) {
  const std::string account_id = core::string_or_empty(account.data, "account_id");
  const auto name = param(params, "name");
  if (!name || name->empty()) return std::unexpected(missing_param("name"));
  const std::string subtype = param(params, "subtype").value_or("CUSTOM");
  if (auto bad = check_enum(ctx, std::string(kAudienceFields) + ".subtype", "subtype", subtype)) return std::unexpected(*bad);
  const int64_t now = unix_now(ctx);
  nlohmann::json audience = {{"account_id", account_id},
                             {"name", *name},
                             {"description", param(params, "description").value_or("")},
                             {"subtype", subtype},
                             {"operation_status", normal_operation_status()},
                             {"time_created", now},
                             {"time_updated", now}};
  if (subtype == "CUSTOM") {
    const auto source = param(params, "customer_file_source");
    if (!source) return std::unexpected(missing_param("customer_file_source"));
    if (auto bad = check_enum(ctx, std::string(kAudienceFields) + ".customer_file_source", "customer_file_source", *source)) {
      return std::unexpected(*bad);
    }
    audience["customer_file_source"] = *source;
    set_audience_size(audience, 0);
    return audience;
  }
  if (subtype == "WEBSITE" || subtype == "ENGAGEMENT") {
    const auto rule = json_param(params, "rule");
    if (!rule) return std::unexpected(missing_param("rule"));
    if (auto bad = check_rule(ctx, subtype, *rule)) return std::unexpected(*bad);
    audience["rule"] = rule->dump();  // Graph returns rule as a string (CustomAudience.rule: string in the SDKs)
    audience["retention_days"] = retention_days_of(*rule);
    if (subtype == "WEBSITE") audience["pixel_id"] = core::string_or_empty((*rule_event_sources(*rule))[0], "id");
    // The people a rule collects come from events over time; the emulator starts such an audience empty.
    set_audience_size(audience, 0);
    return audience;
  }
  if (subtype == "LOOKALIKE") return build_lookalike(ctx, account_id, params, std::move(audience));
  return std::unexpected(audience_refusal("subtype", "Unsupported subtype",
                                          "The emulator makes CUSTOM, WEBSITE, ENGAGEMENT and LOOKALIKE audiences; " + subtype +
                                              " is not emulated."));
}

bool advance_lookalike(Node& node) {
  if (node.type != "customaudience") return false;
  auto it = node.data.find(kReadsUntilReady);
  if (it == node.data.end() || !it->is_number_integer()) return false;
  const int64_t left = it->get<int64_t>();
  if (left > 0) {
    *it = left - 1;
    return true;
  }
  const auto* people = core::find_field(node.data, kLookalikePeople);
  set_audience_size(node.data, people && people->is_number_integer() ? people->get<int64_t>() : 0);
  node.data.erase(kReadsUntilReady);
  return true;
}

std::optional<GraphError> check_audience_delete(const ObjectStore& store, const Node& audience) {
  const std::string id = core::string_or_empty(audience.data, "id");
  const auto names = [&](const nlohmann::json& targeting, const char* key) {
    const auto* list = core::find_field(targeting, key);
    if (!list || !list->is_array()) return false;
    for (const auto& item : *list) {
      const std::string named = item.is_object() ? core::string_or_empty(item, "id") : item.is_string() ? item.get<std::string>() : "";
      if (named == id) return true;
    }
    return false;
  };
  const auto users = store.select("adset", [&](const Node& adset) {
    const auto status = core::string_or_empty(adset.data, "status");
    if (status == "DELETED" || status == "ARCHIVED") return false;
    const auto* targeting = core::find_field(adset.data, "targeting");
    return targeting && targeting->is_object() &&
           (names(*targeting, "custom_audiences") || names(*targeting, "excluded_custom_audiences"));
  });
  if (users.empty()) return std::nullopt;
  std::string list;
  for (size_t i = 0; i < users.size() && i < 5; ++i) list += (i ? ", " : "") + core::string_or_empty(users[i]->data, "id");
  return audience_refusal("id", "Audience in use",
                          "This audience is used by " + std::to_string(users.size()) + " ad set(s) (" + list +
                              "). Remove it from their targeting, or delete or archive them, before deleting it.");
}

}  // namespace fbmcp::fake
