#include "ops/insights/canonical_metrics.hpp"

#include <algorithm>
#include <cmath>

#include "graph/action_families.hpp"
#include "money/money.hpp"

namespace fbmcp::ops {
namespace {

int64_t count_text(const nlohmann::json& row, const std::string& key) {
  if (!row.is_object() || !row.contains(key)) return 0;
  const auto& value = row[key];
  std::string text = value.is_string() ? value.get<std::string>() : value.is_number_integer() ? value.dump() : "";
  if (text.empty() || text.size() > 18 || !std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; })) {
    return 0;
  }
  return std::stoll(text);
}

int64_t money_text(const nlohmann::json& row, const std::string& key, const std::string& currency) {
  if (!row.is_object() || !row.contains(key) || !row[key].is_string()) return 0;
  auto minor = money::to_minor_units(row[key].get<std::string>(), currency);
  return minor ? *minor : 0;
}

// The value of an AdsActionStats entry under the asked windows (see the header).
std::string entry_value(const nlohmann::json& entry, const std::vector<std::string>& windows, bool money_value,
                        const std::string& currency, int64_t& out) {
  const auto read = [&](const std::string& key) -> int64_t {
    return money_value ? money_text(entry, key, currency) : count_text(entry, key);
  };
  if (windows.empty()) {
    out = read("value");
    return "value";
  }
  static const char* kClick[] = {"28d_click", "7d_click", "1d_click"};
  static const char* kView[] = {"28d_view", "7d_view", "1d_view"};
  out = 0;
  for (const auto* group : {kClick, kView}) {
    for (int i = 0; i < 3; ++i) {
      if (std::find(windows.begin(), windows.end(), group[i]) != windows.end()) {
        out += read(group[i]);
        break;
      }
    }
  }
  return "windows";
}

// The first member of `family` present in `list` (members are listed most inclusive first).
const nlohmann::json* family_entry(const nlohmann::json& list, const graph::ActionFamily& family) {
  if (!list.is_array()) return nullptr;
  for (const auto member : family.members) {
    if (member.empty()) continue;
    for (const auto& entry : list) {
      if (entry.is_object() && entry.contains("action_type") && entry["action_type"].is_string() &&
          entry["action_type"].get<std::string>() == member) {
        return &entry;
      }
    }
  }
  return nullptr;
}

bool wanted(const CanonicalOptions& options, const char* metric) {
  return options.metrics.empty() || std::find(options.metrics.begin(), options.metrics.end(), metric) != options.metrics.end();
}

std::string money_of(int64_t minor, const std::string& currency) {
  auto amount = money::to_amount(minor, currency);
  return amount ? *amount : std::to_string(minor);
}

}  // namespace

int64_t total_conversions(const MetricCounts& c) {
  int64_t total = 0;
  for (const auto& [family, count] : c.conversions) total += count;
  return total;
}

std::optional<double> kpi_value(const MetricCounts& c, const std::string& kpi) {
  const double spend = static_cast<double>(c.spend_minor);
  const int64_t conversions = total_conversions(c);
  if (kpi == "spend") return spend;
  if (kpi == "impressions") return static_cast<double>(c.impressions);
  if (kpi == "reach") return static_cast<double>(c.reach);
  if (kpi == "clicks") return static_cast<double>(c.clicks);
  if (kpi == "link_clicks") return static_cast<double>(c.link_clicks);
  if (kpi == "revenue") return static_cast<double>(c.revenue_minor);
  if (kpi == "conversions") return static_cast<double>(conversions);
  if (kpi == "roas") return spend > 0 ? std::optional(static_cast<double>(c.revenue_minor) / spend) : std::nullopt;
  if (kpi == "cost_per_conversion") return conversions > 0 ? std::optional(spend / conversions) : std::nullopt;
  if (kpi == "ctr") return c.impressions > 0 ? std::optional(100.0 * c.clicks / c.impressions) : std::nullopt;
  if (kpi == "cpc") return c.clicks > 0 ? std::optional(spend / c.clicks) : std::nullopt;
  if (kpi == "cpm") return c.impressions > 0 ? std::optional(1000.0 * spend / c.impressions) : std::nullopt;
  return std::nullopt;
}

bool kpi_is_money(const std::string& kpi) {
  return kpi == "spend" || kpi == "revenue" || kpi == "cost_per_conversion" || kpi == "cpc" || kpi == "cpm";
}

bool kpi_lower_is_better(const std::string& kpi) { return kpi == "cost_per_conversion" || kpi == "cpc" || kpi == "cpm"; }

std::string ratio_text(double numerator, double denominator, double scale) {
  if (!(denominator > 0)) return {};
  char buffer[48];
  std::snprintf(buffer, sizeof buffer, "%.2f", numerator / denominator * scale);
  return buffer;
}

MetricCounts counts_of_row(const nlohmann::json& row, const CanonicalOptions& options,
                           std::map<std::string, std::string>* chosen) {
  MetricCounts c;
  c.impressions = count_text(row, "impressions");
  c.reach = count_text(row, "reach");
  c.clicks = count_text(row, "clicks");
  c.link_clicks = count_text(row, "inline_link_clicks");
  c.spend_minor = money_text(row, "spend", options.currency);
  const auto actions = row.is_object() ? row.value("actions", nlohmann::json()) : nlohmann::json();
  for (const auto& family : graph::kActionFamilies) {
    if (!family.is_conversion) continue;
    if (const auto* entry = family_entry(actions, family)) {
      int64_t count = 0;
      entry_value(*entry, options.windows, false, options.currency, count);
      c.conversions[std::string(family.name)] = count;
      if (chosen) (*chosen)[std::string(family.name)] = (*entry)["action_type"].get<std::string>();
    }
  }
  const auto values = row.is_object() ? row.value("action_values", nlohmann::json()) : nlohmann::json();
  if (const auto* entry = family_entry(values, graph::kActionFamilies[0])) {
    entry_value(*entry, options.windows, true, options.currency, c.revenue_minor);
  }
  return c;
}

nlohmann::json canonical_metrics(const MetricCounts& c, const CanonicalOptions& options) {
  nlohmann::json out = nlohmann::json::object();
  const auto put_ratio = [&](const char* name, const std::string& text) {
    if (wanted(options, name) && !text.empty()) out[name] = text;
  };
  const auto put_money_per = [&](const char* name, int64_t units, double scale = 1.0) {
    if (!wanted(options, name) || units <= 0) return;
    out[name] = money_of(std::llround(static_cast<double>(c.spend_minor) * scale / static_cast<double>(units)), options.currency);
  };
  if (wanted(options, "impressions")) out["impressions"] = c.impressions;
  if (wanted(options, "reach")) out["reach"] = c.reach;
  put_ratio("frequency", ratio_text(c.impressions, c.reach));
  if (wanted(options, "clicks")) out["clicks"] = c.clicks;
  if (wanted(options, "link_clicks")) out["link_clicks"] = c.link_clicks;
  if (wanted(options, "spend")) out["spend"] = money_of(c.spend_minor, options.currency);
  put_ratio("ctr", ratio_text(c.clicks, c.impressions, 100));
  put_money_per("cpc", c.clicks);
  put_money_per("cpm", c.impressions, 1000);
  if (!c.conversions.empty()) {
    if (wanted(options, "conversions")) out["conversions"] = c.conversions;
    if (wanted(options, "cost_per_conversion")) {
      nlohmann::json per = nlohmann::json::object();
      for (const auto& [family, count] : c.conversions) {
        if (count > 0) per[family] = money_of(std::llround(static_cast<double>(c.spend_minor) / count), options.currency);
      }
      if (!per.empty()) out["cost_per_conversion"] = per;
    }
  }
  if (c.revenue_minor > 0 && wanted(options, "revenue")) out["revenue"] = money_of(c.revenue_minor, options.currency);
  if (c.revenue_minor > 0) put_ratio("roas", ratio_text(c.revenue_minor, c.spend_minor));
  return out;
}

nlohmann::json canonical_row(const nlohmann::json& row, const CanonicalOptions& options,
                             std::map<std::string, std::string>& chosen) {
  nlohmann::json out = nlohmann::json::object();
  for (const char* key : {"date_start", "date_stop"}) {
    if (row.is_object() && row.contains(key) && row[key].is_string()) out[key] = row[key];
  }
  if (options.level != "account") {
    for (const auto& [graph_key, key] : {std::pair{options.level + "_id", "id"}, std::pair{options.level + "_name", "name"}}) {
      if (row.is_object() && row.contains(graph_key) && row[graph_key].is_string()) out[key] = row[graph_key];
    }
  }
  for (const auto& b : options.breakdowns) {
    if (row.is_object() && row.contains(b) && row[b].is_string()) out[b] = row[b];
  }
  out.update(canonical_metrics(counts_of_row(row, options, &chosen), options));
  return out;
}

}  // namespace fbmcp::ops
