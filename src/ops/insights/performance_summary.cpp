// performance_summary: an object's totals and KPIs for a period, its best and worst children by a chosen KPI, and
// plain notes an advertiser acts on — spend pacing against the budget, frequency above 3, ad sets still learning,
// spend without conversions.
#include <algorithm>
#include <cmath>

#include "core/calendar_day.hpp"
#include "graph/json_fields.hpp"
#include "money/money.hpp"
#include "ops/all_ops.hpp"
#include "ops/insights/insights_chart.hpp"
#include "ops/insights/insights_ops.hpp"

namespace fbmcp::ops {
namespace {

// Meta: an ad set leaves the learning phase after about 50 optimisation events in 7 days (Meta Business Help
// Center, "About the learning phase").
constexpr int64_t kLearningEvents = 50;
constexpr double kFrequencyCeiling = 3.0;

struct Kpi {
  std::string name;
  bool lower_is_better;
};

std::string child_level(const std::string& level) {
  if (level == "account") return "campaign";
  if (level == "campaign") return "adset";
  return "ad";
}

Kpi choose_kpi(const nlohmann::json& args, const MetricCounts& totals) {
  if (args.contains("kpi")) {
    const std::string name = args["kpi"];
    return {name, kpi_lower_is_better(name)};
  }
  if (totals.revenue_minor > 0) return {"roas", false};
  if (total_conversions(totals) > 0) return {"cost_per_conversion", true};
  return {"ctr", false};
}

std::string amount_text(int64_t minor, const std::string& currency) {
  auto amount = money::to_amount(minor, currency);
  return amount ? *amount : std::to_string(minor);
}

// Budget pacing of a campaign or ad set: spend against daily budget × days (lifetime budgets have no daily rate).
std::optional<std::string> pacing_note(tool::OpContext& ctx, const InsightsSubject& subject, const MetricCounts& totals,
                                       int32_t days) {
  if (subject.object_level != "campaign" && subject.object_level != "adset") return std::nullopt;
  auto node = ctx.graph.get(subject.object_id, {{"fields", "daily_budget"}});
  if (!node) return std::nullopt;
  const auto daily = graph::read_string(*node, "daily_budget");
  if (!daily || !*daily) return std::nullopt;
  const auto digits = **daily;
  if (digits.empty() || digits.size() > 15 || digits.find_first_not_of("0123456789") != std::string::npos) return std::nullopt;
  const int64_t budget = std::stoll(digits);
  if (budget <= 0 || days <= 0) return std::nullopt;
  const int64_t expected = budget * days;
  const double share = static_cast<double>(totals.spend_minor) / static_cast<double>(expected);
  const std::string spent = amount_text(totals.spend_minor, subject.currency) + " of " + amount_text(expected, subject.currency) +
                            " " + subject.currency + " (" + std::to_string(static_cast<int>(std::lround(share * 100))) +
                            "% of daily budget × " + std::to_string(days) + " days)";
  if (share < 0.8) {
    return "Underspending: " + spent + ". Delivery is limited — paused days, a small audience, a bid or cost cap, or ads "
           "in review; check delivery before raising the budget.";
  }
  if (share > 1.1) return "Spending above the daily budget on average: " + spent + " (Meta may spend up to 25% more on a given day).";
  return "Pacing on budget: " + spent + ".";
}

core::Result<tool::OpOutput> performance_summary(const nlohmann::json& args, tool::OpContext& ctx) {
  auto subject = resolve_insights_subject(args, ctx);
  if (!subject) return std::unexpected(subject.error());
  nlohmann::json request_args = args;
  if (!request_args.contains("level")) request_args["level"] = child_level(subject->object_level);
  auto request = build_insights_request(request_args, *subject);
  if (!request) return std::unexpected(request.error());
  auto totals_row = read_insights_totals(ctx, *subject, *request);
  if (!totals_row) return std::unexpected(blame_insights_args(totals_row.error()));
  auto frame = insights_frame(request_args, *subject, *request);
  frame.options.metrics.clear();
  std::map<std::string, std::string> chosen;
  tool::OpOutput out;
  out.data = {{"object", {{"level", subject->object_level}, {"id", subject->object_id}}},
              {"period", request->period},
              {"currency", subject->currency},
              {"attribution", attribution_text(frame.options.windows)}};
  if (!subject->time_zone.empty()) out.data["time_zone"] = subject->time_zone;
  if (!*totals_row) {
    out.data["count"] = 0;
    out.data["items"] = nlohmann::json::array();
    out.data["notes"] = nlohmann::json::array({"Nothing was delivered in " + request->period + "."});
    out.summary = "Nothing was delivered in " + request->period + ".";
    return out;
  }
  const auto& total = **totals_row;
  const auto totals = counts_of_row(total, frame.options, &chosen);
  const std::string since = total.value("date_start", ""), until = total.value("date_stop", "");
  const auto first = core::parse_calendar_day(since), last = core::parse_calendar_day(until);
  const int32_t days = first && last ? *last - *first + 1 : 0;
  out.data["dates"] = {{"date_start", since}, {"date_stop", until}};
  out.data["totals"] = canonical_metrics(totals, frame.options);
  const Kpi kpi = choose_kpi(args, totals);
  out.data["kpi"] = {{"name", kpi.name}, {"better", kpi.lower_is_better ? "lower" : "higher"}};

  // The children, ranked by the KPI (those without a value for it rank after every one with a value).
  auto children = fetch_insights(ctx, *subject, *request, 200, "");
  if (!children) return std::unexpected(children.error());
  struct Child {
    nlohmann::json row;
    MetricCounts counts;
    std::optional<double> value;
  };
  std::vector<Child> ranked;
  for (const auto& row : children->rows) {
    auto counts = counts_of_row(row, frame.options, &chosen);
    if (counts.spend_minor <= 0 && counts.impressions <= 0) continue;
    auto value = kpi_value(counts, kpi.name);
    ranked.push_back({canonical_row(row, frame.options, chosen), counts, value});
  }
  std::stable_sort(ranked.begin(), ranked.end(), [&](const Child& a, const Child& b) {
    if (a.value.has_value() != b.value.has_value()) return a.value.has_value();
    if (!a.value) return false;
    return kpi.lower_is_better ? *a.value < *b.value : *a.value > *b.value;
  });
  const size_t top = args.value("top", 3);
  auto items = nlohmann::json::array();
  const auto add = [&](const Child& child, const std::string& rank) {
    nlohmann::json item = {{"rank", rank}, {"id", child.row.value("id", "")}, {"name", child.row.value("name", "")},
                           {"spend", child.row.value("spend", "0")}};
    item[kpi.name] = child.row.contains(kpi.name) ? child.row[kpi.name] : nlohmann::json();
    if (child.row.contains("conversions")) item["conversions"] = child.row["conversions"];
    items.push_back(std::move(item));
  };
  for (size_t i = 0; i < ranked.size() && i < top; ++i) add(ranked[i], "top " + std::to_string(i + 1));
  // The worst are among those with a value for the KPI: a child without one (no conversions) is in the notes.
  const size_t valued = static_cast<size_t>(std::count_if(ranked.begin(), ranked.end(), [](const Child& c) { return c.value.has_value(); }));
  for (size_t i = 0; i < top && valued > top + i; ++i) add(ranked[valued - 1 - i], "bottom " + std::to_string(i + 1));

  // Notes an advertiser acts on.
  auto notes = nlohmann::json::array();
  if (auto pacing = pacing_note(ctx, *subject, totals, days)) notes.push_back(*pacing);
  if (totals.reach > 0 && static_cast<double>(totals.impressions) / totals.reach > kFrequencyCeiling) {
    notes.push_back("Frequency " + ratio_text(totals.impressions, totals.reach) +
                    " is above 3: the same people see these ads often; refresh the creatives or widen the audience.");
  }
  for (const auto& child : ranked) {
    if (child.counts.reach > 0 && static_cast<double>(child.counts.impressions) / child.counts.reach > kFrequencyCeiling) {
      notes.push_back("Frequency " + ratio_text(child.counts.impressions, child.counts.reach) + " for " +
                      child.row.value("name", child.row.value("id", "")) + ".");
    }
  }
  if (total_conversions(totals) == 0 && totals.spend_minor > 0) {
    notes.push_back("No conversions recorded for " + amount_text(totals.spend_minor, subject->currency) + " " +
                    subject->currency + " of spend: expected for awareness and traffic objectives; otherwise check the "
                    "pixel or event setup and the optimisation goal.");
  } else {
    for (const auto& child : ranked) {
      if (total_conversions(child.counts) == 0 && child.counts.spend_minor * 10 > totals.spend_minor) {
        notes.push_back(child.row.value("name", child.row.value("id", "")) + " spent " +
                        amount_text(child.counts.spend_minor, subject->currency) + " " + subject->currency +
                        " with no conversions.");
      }
    }
  }
  if (request->level == "adset" && total_conversions(totals) > 0) {
    // Learning phase: judged on the last 7 days, whatever period the summary covers.
    InsightsRequest week = *request;
    week.params.erase("time_range");
    week.params.set("date_preset", "last_7d");
    auto recent = fetch_insights(ctx, *subject, week, 200, "");
    if (recent) {
      for (const auto& row : recent->rows) {
        const auto counts = counts_of_row(row, frame.options, nullptr);
        const int64_t events = total_conversions(counts);
        if (counts.spend_minor > 0 && events < kLearningEvents) {
          notes.push_back("Ad set " + row.value("adset_name", row.value("adset_id", "")) + " had " + std::to_string(events) +
                          " conversions in the last 7 days: below the ~50 Meta needs to leave the learning phase; "
                          "avoid big edits, or consolidate ad sets.");
        }
      }
    }
  }
  if (notes.empty()) notes.push_back("Nothing needs attention: pacing, frequency and conversions look normal.");
  if (!chosen.empty()) out.data["conversion_action_types"] = chosen;
  out.data["children"] = {{"level", request->level}, {"count", ranked.size()}};
  out.data["notes"] = notes;
  out.data["count"] = items.size();
  out.data["items"] = std::move(items);
  out.table_columns = {"rank", "name", kpi.name, "spend"};
  std::string summary = "Performance of " + subject->object_id + ", " + since + " to " + until + ": spend " +
                        out.data["totals"].value("spend", "0") + " " + subject->currency;
  if (out.data["totals"].contains(kpi.name)) {
    const auto& value = out.data["totals"][kpi.name];
    if (value.is_string()) summary += ", " + kpi.name + " " + value.get<std::string>();
    if (value.is_object()) {
      for (const auto& [family, amount] : value.items()) {
        summary += ", " + kpi.name + " (" + family + ") " + (amount.is_string() ? amount.get<std::string>() : amount.dump());
      }
    }
  }
  summary += ". " + notes[0].get<std::string>();
  out.summary = summary;
  if (const auto charting = chart_args(args, kpi.name); charting.wanted) {
    auto daily = daily_object_rows(ctx, *subject, *request, since, until);
    if (!daily) {
      out.warnings.push_back("no chart: " + daily.error().message);
      return out;
    }
    attach_kpi_chart(out,
                     {charting.metric + " by day, " + subject->object_id + ", " + since + ".." + until, charting.metric,
                      subject->currency, days_between(since, until), frame.options},
                     {{subject->object_level + " " + subject->object_id, std::move(*daily)}});
  }
  return out;
}

}  // namespace

void register_performance_summary_op(tool::OpRegistry& registry) {
  registry.add({"performance_summary", "insights",
                "Totals and KPIs for an object and period, its best and worst children by a KPI, and notes to act on "
                "(pacing, frequency, learning phase, spend without conversions)",
                tool::Effect::Read, true, performance_summary, {}});
}

}  // namespace fbmcp::ops
