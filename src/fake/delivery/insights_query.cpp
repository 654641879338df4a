#include "fake/delivery/insights_query.hpp"

#include <algorithm>
#include <set>

#include "core/json_read.hpp"
#include "fake/delivery/breakdown_cells.hpp"

namespace fbmcp::fake::delivery {
namespace {

constexpr size_t kMaxLimit = 5000;  // the emulator's page cap; Graph answers large pages with 1487534 instead
constexpr const char* kActionFields[] = {"actions", "action_values", "cost_per_action_type", "conversions",
                                         "conversion_values", "cost_per_conversion", "purchase_roas",
                                         "website_purchase_roas"};

std::vector<std::string> list_param(const ParamMap& params, const std::string& key) {
  std::vector<std::string> out;
  const auto raw = param(params, key);
  if (!raw || raw->empty()) return out;
  // Graph takes both a JSON array and a comma-separated list.
  const auto parsed = nlohmann::json::parse(*raw, nullptr, false);
  if (parsed.is_array()) {
    for (const auto& item : parsed) {
      if (item.is_string()) out.push_back(item.get<std::string>());
    }
    return out;
  }
  size_t start = 0;
  while (start <= raw->size()) {
    const auto comma = raw->find(',', start);
    std::string item = raw->substr(start, comma == std::string::npos ? std::string::npos : comma - start);
    item.erase(0, item.find_first_not_of(" \t"));
    item.erase(item.find_last_not_of(" \t") + 1);
    if (!item.empty()) out.push_back(item);
    if (comma == std::string::npos) break;
    start = comma + 1;
  }
  return out;
}

std::expected<DateRange, GraphError> read_range(const nlohmann::json& range, const std::string& name) {
  const auto bad = [&](const std::string& why) {
    return std::unexpected(invalid_param(name, "" + name + " " + why +
                                                   ", e.g. {\"since\":\"2026-11-01\",\"until\":\"2026-11-07\"}"));
  };
  if (!range.is_object()) return bad("must be an object with since and until");
  const auto since = parse_day(core::string_or_empty(range, "since"));
  const auto until = parse_day(core::string_or_empty(range, "until"));
  if (!since || !until) return bad("needs since and until as YYYY-MM-DD dates");
  if (*since > *until) return bad("has since after until");
  return DateRange{*since, *until};
}

// Meta's date presets (Meta SDK AdsInsights.DatePreset), in the account's time zone. last_Nd ends yesterday.
std::optional<DateRange> preset_range(const std::string& preset, Day today) {
  const Day month = first_of_month(today);
  const Day quarter = first_of_quarter(today);
  const Day year = first_of_year(today);
  const Day monday = today - weekday_monday0(today);
  const Day sunday = today - (weekday_monday0(today) + 1) % 7;
  if (preset == "today") return DateRange{today, today};
  if (preset == "yesterday") return DateRange{today - 1, today - 1};
  if (preset == "this_month") return DateRange{month, today};
  if (preset == "last_month") return DateRange{add_months(month, -1), month - 1};
  if (preset == "this_quarter") return DateRange{quarter, today};
  if (preset == "last_quarter") return DateRange{add_months(quarter, -3), quarter - 1};
  if (preset == "this_year") return DateRange{year, today};
  if (preset == "last_year") return DateRange{add_months(year, -12), year - 1};
  if (preset == "this_week_mon_today") return DateRange{monday, today};
  if (preset == "this_week_sun_today") return DateRange{sunday, today};
  if (preset == "last_week_mon_sun") return DateRange{monday - 7, monday - 1};
  if (preset == "last_week_sun_sat") return DateRange{sunday - 7, sunday - 1};
  // maximum: everything Meta keeps, 37 months (graph-api-facts §3).
  if (preset == "maximum" || preset == "data_maximum") return DateRange{add_months(month, -37), today};
  for (const int days : {3, 7, 14, 28, 30, 90}) {
    if (preset == "last_" + std::to_string(days) + "d") return DateRange{today - days, today - 1};
  }
  return std::nullopt;
}

// Combinations Insights stores (FBD/marketing-api/insights/breakdowns, "Combining Breakdowns": only some
// permutations are available). Reports against Meta agree: age+gender, country+region and publisher_platform with
// platform_position and/or a device work; age+country, publisher_platform+age, platform_position alone fail.
bool allowed_combination(std::vector<std::string> breakdowns) {
  std::sort(breakdowns.begin(), breakdowns.end());
  static const std::set<std::vector<std::string>> kAllowed = {
      {"age"}, {"gender"}, {"age", "gender"}, {"country"}, {"region"}, {"country", "region"},
      {"publisher_platform"}, {"platform_position", "publisher_platform"},
      {"impression_device", "publisher_platform"}, {"impression_device", "platform_position", "publisher_platform"},
      {"device_platform"}, {"device_platform", "publisher_platform"},
      {"device_platform", "platform_position", "publisher_platform"}, {"impression_device"}};
  return kAllowed.count(breakdowns) > 0;
}

const std::set<std::string>& metric_filter_fields() {
  static const std::set<std::string> kFields = {"spend", "impressions", "reach", "clicks", "inline_link_clicks",
                                                "ctr", "cpc", "cpm", "frequency"};
  return kFields;
}

bool object_filter_field(const std::string& field) {
  for (const char* level : {"campaign.", "adset.", "ad."}) {
    if (field.rfind(level, 0) == 0) {
      const std::string rest = field.substr(std::string(level).size());
      return rest == "id" || rest == "name" || rest == "effective_status" || rest == "objective";
    }
  }
  return false;
}

std::expected<std::vector<MetricFilter>, GraphError> read_filtering(const ParamMap& params) {
  std::vector<MetricFilter> filters;
  const auto raw = json_param(params, "filtering");
  if (!raw) return filters;
  if (!raw->is_array()) return std::unexpected(invalid_param("filtering", "filtering must be an array of {field, operator, value}"));
  static const std::set<std::string> kOperators = {"EQUAL", "NOT_EQUAL", "GREATER_THAN", "GREATER_THAN_OR_EQUAL",
                                                   "LESS_THAN", "LESS_THAN_OR_EQUAL", "IN", "NOT_IN", "CONTAIN",
                                                   "NOT_CONTAIN"};
  for (const auto& item : *raw) {
    MetricFilter filter{core::string_or_empty(item, "field"), core::string_or_empty(item, "operator"),
                        item.is_object() && item.contains("value") ? item["value"] : nlohmann::json()};
    if (filter.field.empty() || filter.op.empty() || filter.value.is_null()) {
      return std::unexpected(invalid_param("filtering", "each filtering entry needs field, operator and value"));
    }
    if (!kOperators.count(filter.op)) {
      return std::unexpected(invalid_param("filtering", "Filtering operator " + filter.op + " is not supported"));
    }
    if (!metric_filter_fields().count(filter.field) && !object_filter_field(filter.field)) {
      return std::unexpected(invalid_param("filtering", "Filtering field " + filter.field + " is invalid"));
    }
    if ((filter.op == "IN" || filter.op == "NOT_IN") != filter.value.is_array()) {
      return std::unexpected(invalid_param("filtering", "Filtering operator " + filter.op +
                                                            (filter.value.is_array() ? " takes one value" : " takes an array of values")));
    }
    filters.push_back(std::move(filter));
  }
  return filters;
}

}  // namespace

int level_depth(const std::string& level) {
  for (int i = 0; i < 4; ++i) {
    if (level == kLevels[i]) return i;
  }
  return -1;
}

bool asks_for_actions(const InsightsQuery& query) {
  return std::any_of(query.fields.begin(), query.fields.end(), [](const std::string& f) {
    return std::any_of(std::begin(kActionFields), std::end(kActionFields), [&](const char* a) { return f == a; });
  });
}

std::expected<InsightsQuery, GraphError> parse_insights_query(const ParamMap& params, const GraphModel& model,
                                                              const std::string& object_level, Day today) {
  InsightsQuery q;
  q.level = param(params, "level").value_or(object_level);
  if (!model.enum_contains("insights.level", q.level)) {
    return std::unexpected(invalid_enum("level", q.level, model.enum_values("insights.level")));
  }
  if (level_depth(q.level) < level_depth(object_level)) {
    return std::unexpected(invalid_param("level", "level " + q.level + " is above the " + object_level +
                                                      " these insights are read from; use level " + object_level +
                                                      " or a level below it"));
  }

  q.fields = list_param(params, "fields");
  for (const auto& field : q.fields) {
    if (!model.has_field("insights", field)) {
      return std::unexpected(invalid_param("fields", "" + field + " is not valid for fields param. please check "
                                                     "https://developers.facebook.com/docs/marketing-api/reference/ads-insights/ "
                                                     "for all valid values"));
    }
  }

  if (const auto ranges = json_param(params, "time_ranges")) {
    if (!ranges->is_array() || ranges->empty()) {
      return std::unexpected(invalid_param("time_ranges", "time_ranges must be a non-empty array of {since, until}"));
    }
    for (const auto& item : *ranges) {
      auto range = read_range(item, "time_ranges");
      if (!range) return std::unexpected(range.error());
      q.ranges.push_back(*range);
    }
  } else if (const auto given = json_param(params, "time_range")) {
    auto read = read_range(*given, "time_range");
    if (!read) return std::unexpected(read.error());
    q.ranges.push_back(*read);
  } else {
    // Without a range or a preset Insights reads the last 30 days (the reference's default date_preset).
    const std::string preset = param(params, "date_preset").value_or("last_30d");
    const auto range = model.enum_contains("insights.date_preset", preset) ? preset_range(preset, today) : std::nullopt;
    if (!range) return std::unexpected(invalid_enum("date_preset", preset, model.enum_values("insights.date_preset")));
    q.ranges.push_back(*range);
  }
  for (auto& range : q.ranges) {
    range.until = std::min(range.until, today);  // nothing has been delivered after today
    if (range.since > range.until) range.since = range.until;
  }

  if (const auto increment = param(params, "time_increment")) {
    if (*increment == "all_days") q.time_increment = 0;
    else if (*increment == "monthly") q.time_increment = -1;
    else {
      const bool digits = !increment->empty() && increment->size() <= 2 &&
                          std::all_of(increment->begin(), increment->end(), [](char c) { return c >= '0' && c <= '9'; });
      const int days = digits ? std::stoi(*increment) : 0;
      if (days < 1 || days > 90) {
        return std::unexpected(invalid_param("time_increment", "time_increment must be an integer 1-90, "
                                                               "\"monthly\" or \"all_days\"; got \"" + *increment + "\""));
      }
      q.time_increment = days;
    }
  }

  q.breakdowns = list_param(params, "breakdowns");
  for (const auto& b : q.breakdowns) {
    if (!model.enum_contains("insights.breakdowns", b)) {
      return std::unexpected(invalid_enum("breakdowns[0]", b, model.enum_values("insights.breakdowns")));
    }
  }
  const auto action_breakdowns = list_param(params, "action_breakdowns");
  for (const auto& b : action_breakdowns) {
    if (!model.enum_contains("insights.action_breakdowns", b)) {
      return std::unexpected(invalid_enum("action_breakdowns", b, model.enum_values("insights.action_breakdowns")));
    }
  }
  if (!q.breakdowns.empty()) {
    std::vector<std::string> columns = q.breakdowns;
    if (asks_for_actions(q)) {
      // Asking for actions adds the action breakdown (action_type by default) to the columns Graph checks.
      if (action_breakdowns.empty()) columns.push_back("action_type");
      else columns.insert(columns.end(), action_breakdowns.begin(), action_breakdowns.end());
    }
    for (const auto& b : q.breakdowns) {
      if (!is_modelled_breakdown(b)) {
        // A breakdown Meta has but the delivery engine does not model: refused rather than answered with made-up rows.
        return std::unexpected(invalid_param("breakdowns", "breakdown " + b + " is not available in the fake "
                                                           "Graph; it models age, gender, country, region, "
                                                           "publisher_platform, platform_position, device_platform, "
                                                           "impression_device"));
      }
    }
    if (!allowed_combination(q.breakdowns)) {
      std::sort(columns.begin(), columns.end());
      std::string list;
      for (const auto& c : columns) list += (list.empty() ? "" : ", ") + c;
      return std::unexpected(invalid_param("breakdowns", "Current combination of data breakdown columns (" +
                                                             list + ") is invalid"));
    }
  }
  if (std::any_of(action_breakdowns.begin(), action_breakdowns.end(), [](const std::string& b) { return b != "action_type"; })) {
    return std::unexpected(invalid_param("action_breakdowns", "Current combination of data breakdown columns is "
                                                              "invalid: this emulator groups actions by action_type only"));
  }

  q.windows = list_param(params, "action_attribution_windows");
  for (const auto& w : q.windows) {
    if (!model.enum_contains("insights.action_attribution_windows", w)) {
      return std::unexpected(invalid_enum("action_attribution_windows", w, model.enum_values("insights.action_attribution_windows")));
    }
  }

  auto filters = read_filtering(params);
  if (!filters) return std::unexpected(filters.error());
  q.filters = std::move(*filters);

  for (const auto& key : list_param(params, "sort")) {
    const auto at = key.rfind('_');
    const std::string direction = at == std::string::npos ? "" : key.substr(at + 1);
    if (direction != "ascending" && direction != "descending") {
      return std::unexpected(invalid_param("sort", "sort takes <field>_ascending or <field>_descending, got " + key));
    }
    q.sort.push_back({key.substr(0, at), direction == "descending"});
  }

  q.summary_fields = list_param(params, "summary");
  if (q.summary_fields.empty() && bool_param(params, "default_summary").value_or(false)) q.summary_fields = q.fields;

  if (const auto limit = param(params, "limit")) {
    const bool digits = !limit->empty() && limit->size() <= 6 &&
                        std::all_of(limit->begin(), limit->end(), [](char c) { return c >= '0' && c <= '9'; });
    if (!digits || std::stoul(*limit) == 0) return std::unexpected(invalid_param("limit", "limit must be a positive integer"));
    q.limit = std::min<size_t>(std::stoul(*limit), kMaxLimit);
  }
  q.after = param(params, "after").value_or("");
  return q;
}

}  // namespace fbmcp::fake::delivery
