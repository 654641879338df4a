// compare_periods: an object's totals this period against the period before it (same length, ending the day
// before) or against two given ranges, with absolute and relative changes per canonical metric.
#include <set>

#include "core/calendar_day.hpp"
#include "money/money.hpp"
#include "ops/all_ops.hpp"
#include "ops/insights/insights_chart.hpp"
#include "ops/insights/insights_ops.hpp"

namespace fbmcp::ops {
namespace {

struct Period {
  std::string since, until;
};

std::string signed_money(int64_t minor, const std::string& currency) {
  auto amount = money::to_amount(minor < 0 ? -minor : minor, currency);
  const std::string text = amount ? *amount : std::to_string(minor < 0 ? -minor : minor);
  return (minor < 0 ? "-" : "+") + text;
}

std::string signed_decimal(double value, int decimals) {
  char buffer[64];
  std::snprintf(buffer, sizeof buffer, "%+.*f", decimals, value);
  return buffer;
}

// One line of the comparison. `money` metrics compare exactly in minor units; counts as integers; ratios as numbers.
struct MetricLine {
  std::string name;
  enum Kind { Count, Money, Ratio } kind;
};

double as_number(const nlohmann::json& metrics, const std::string& name, MetricLine::Kind kind, const std::string& currency,
                 bool& present) {
  // conversions.<family> and cost_per_conversion.<family> live one level down.
  const auto dot = name.find('.');
  const nlohmann::json* value = &metrics;
  for (const auto& key : dot == std::string::npos ? std::vector<std::string>{name}
                                                  : std::vector<std::string>{name.substr(0, dot), name.substr(dot + 1)}) {
    if (!value->is_object() || !value->contains(key)) {
      present = false;
      return 0;
    }
    value = &(*value)[key];
  }
  present = true;
  if (value->is_number()) return value->get<double>();
  if (!value->is_string()) return 0;
  if (kind == MetricLine::Money) {
    auto minor = money::to_minor_units(value->get<std::string>(), currency);
    return minor ? static_cast<double>(*minor) : 0;
  }
  return std::strtod(value->get<std::string>().c_str(), nullptr);
}

std::vector<MetricLine> lines_for(const nlohmann::json& current, const nlohmann::json& previous) {
  std::vector<MetricLine> lines = {{"spend", MetricLine::Money},       {"impressions", MetricLine::Count},
                                   {"reach", MetricLine::Count},       {"frequency", MetricLine::Ratio},
                                   {"clicks", MetricLine::Count},      {"link_clicks", MetricLine::Count},
                                   {"ctr", MetricLine::Ratio},         {"cpc", MetricLine::Money},
                                   {"cpm", MetricLine::Money}};
  std::set<std::string> families;
  for (const auto* side : {&current, &previous}) {
    if (side->contains("conversions")) {
      for (const auto& [family, count] : (*side)["conversions"].items()) families.insert(family);
    }
  }
  for (const auto& family : families) {
    lines.push_back({"conversions." + family, MetricLine::Count});
    lines.push_back({"cost_per_conversion." + family, MetricLine::Money});
  }
  lines.push_back({"revenue", MetricLine::Money});
  lines.push_back({"roas", MetricLine::Ratio});
  return lines;
}

core::Result<tool::OpOutput> compare_periods(const nlohmann::json& args, tool::OpContext& ctx) {
  const bool has_previous_since = args.contains("previous_since"), has_previous_until = args.contains("previous_until");
  if (has_previous_since != has_previous_until) {
    const std::string missing = has_previous_since ? "previous_until" : "previous_since";
    return std::unexpected(core::Error{core::ErrorKind::InvalidArgs,
                                       "previous_since and previous_until go together; " + missing + " is missing",
                                       "give both, e.g. {\"previous_since\":\"2026-10-01\",\"previous_until\":\"2026-10-31\"}",
                                       missing, std::nullopt, nullptr});
  }
  auto subject = resolve_insights_subject(args, ctx);
  if (!subject) return std::unexpected(subject.error());
  auto request = build_insights_request(args, *subject);
  if (!request) return std::unexpected(request.error());
  auto current_row = read_insights_totals(ctx, *subject, *request);
  if (!current_row) return std::unexpected(blame_insights_args(current_row.error()));

  Period current;
  if (args.contains("since")) current = {args["since"].get<std::string>(), args["until"].get<std::string>()};
  else if (*current_row) current = {(*current_row)->value("date_start", ""), (*current_row)->value("date_stop", "")};
  const auto since_day = core::parse_calendar_day(current.since);
  const auto until_day = core::parse_calendar_day(current.until);
  if (!since_day || !until_day) {
    tool::OpOutput out;
    out.data = {{"object", {{"level", subject->object_level}, {"id", subject->object_id}}}, {"period", request->period},
                {"current", nullptr}, {"count", 0}, {"items", nlohmann::json::array()}};
    out.summary = "Nothing was delivered in " + request->period + ", so there is nothing to compare; give since and "
                  "until to compare two fixed ranges.";
    return out;
  }
  Period previous;
  if (has_previous_since) {
    previous = {args["previous_since"].get<std::string>(), args["previous_until"].get<std::string>()};
    if (previous.since > previous.until) {
      return std::unexpected(core::Error{core::ErrorKind::InvalidArgs, "previous_since " + previous.since + " is after previous_until " + previous.until,
                                         "fix 'previous_since'", "previous_since", std::nullopt, nullptr});
    }
  } else {
    const int32_t length = *until_day - *since_day + 1;
    previous = {core::format_calendar_day(*since_day - length), core::format_calendar_day(*since_day - 1)};
  }
  InsightsRequest earlier = *request;
  earlier.params.erase("date_preset");
  earlier.params.set("time_range", nlohmann::json{{"since", previous.since}, {"until", previous.until}});
  auto previous_row = read_insights_totals(ctx, *subject, earlier);
  if (!previous_row) return std::unexpected(blame_insights_args(previous_row.error()));

  auto frame = insights_frame(args, *subject, *request);
  std::map<std::string, std::string> chosen;
  const auto metrics_of = [&](const std::optional<nlohmann::json>& row) {
    return row ? canonical_metrics(counts_of_row(*row, frame.options, &chosen), frame.options) : nlohmann::json::object();
  };
  const auto now_metrics = metrics_of(*current_row);
  const auto then_metrics = metrics_of(*previous_row);
  auto items = nlohmann::json::array();
  for (const auto& line : lines_for(now_metrics, then_metrics)) {
    if (!frame.options.metrics.empty()) {
      const std::string base = line.name.substr(0, line.name.find('.'));
      if (std::find(frame.options.metrics.begin(), frame.options.metrics.end(), base) == frame.options.metrics.end()) continue;
    }
    bool has_now = false, has_then = false;
    const double now = as_number(now_metrics, line.name, line.kind, subject->currency, has_now);
    const double then = as_number(then_metrics, line.name, line.kind, subject->currency, has_then);
    if (!has_now && !has_then) continue;
    nlohmann::json item = {{"metric", line.name}, {"current", nullptr}, {"previous", nullptr}};
    const auto value_at = [&](const nlohmann::json& metrics) -> nlohmann::json {
      const auto dot = line.name.find('.');
      if (dot == std::string::npos) return metrics.value(line.name, nlohmann::json());
      return metrics.value(line.name.substr(0, dot), nlohmann::json::object()).value(line.name.substr(dot + 1), nlohmann::json());
    };
    item["current"] = value_at(now_metrics);
    item["previous"] = value_at(then_metrics);
    if (has_now && has_then) {
      const double diff = now - then;
      if (line.kind == MetricLine::Money) item["change"] = signed_money(static_cast<int64_t>(diff), subject->currency);
      else if (line.kind == MetricLine::Count) item["change"] = static_cast<int64_t>(diff);
      else item["change"] = signed_decimal(diff, 2);
      if (then != 0) item["change_pct"] = signed_decimal(diff / then * 100.0, 1);
    }
    items.push_back(std::move(item));
  }
  tool::OpOutput out;
  out.data = {{"object", {{"level", subject->object_level}, {"id", subject->object_id}}},
              {"currency", subject->currency},
              {"attribution", attribution_text(frame.options.windows)},
              {"current_period", {{"date_start", current.since}, {"date_stop", current.until}}},
              {"previous_period", {{"date_start", previous.since}, {"date_stop", previous.until}}},
              {"count", items.size()}};
  if (!subject->time_zone.empty()) out.data["time_zone"] = subject->time_zone;
  if (!chosen.empty()) out.data["conversion_action_types"] = chosen;
  std::string summary = "Compared " + current.since + ".." + current.until + " with " + previous.since + ".." + previous.until;
  for (const auto& item : items) {
    if (item["metric"] == "spend" && item.contains("change_pct")) {
      summary += ": spend " + item["current"].get<std::string>() + " " + subject->currency + " (" +
                 item["change_pct"].get<std::string>() + "%)";
    }
  }
  if (!*current_row) summary += "; nothing was delivered in the current period";
  if (!*previous_row) summary += "; nothing was delivered in the previous period";
  out.summary = summary + ".";
  out.data["items"] = std::move(items);
  out.table_columns = {"metric", "current", "previous", "change", "change_pct"};
  if (const auto charting = chart_args(args, "spend"); charting.wanted) {
    auto now_rows = daily_object_rows(ctx, *subject, *request, current.since, current.until);
    auto then_rows = daily_object_rows(ctx, *subject, *request, previous.since, previous.until);
    if (!now_rows || !then_rows) {
      out.warnings.push_back("no chart: " + (now_rows ? then_rows.error() : now_rows.error()).message);
      return out;
    }
    const auto days = days_between(current.since, current.until);
    attach_kpi_chart(out,
                     {charting.metric + " by day: " + current.since + ".." + current.until + " vs " + previous.since +
                          ".." + previous.until,
                      charting.metric, subject->currency, days, frame.options},
                     {{"this period", std::move(*now_rows)}, {"previous period", aligned_to(*then_rows, previous.since, days)}});
  }
  return out;
}

}  // namespace

void register_compare_periods_op(tool::OpRegistry& registry) {
  registry.add({"compare_periods", "insights",
                "An object's KPIs this period vs the previous one (or two given ranges): values, changes and % changes",
                tool::Effect::Read, true, compare_periods, {}});
}

}  // namespace fbmcp::ops
