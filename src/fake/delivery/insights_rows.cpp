#include "fake/delivery/insights_rows.hpp"

#include <algorithm>
#include <climits>
#include <cmath>
#include <map>
#include <set>

#include "core/json_read.hpp"
#include "fake/delivery/breakdown_cells.hpp"
#include "fake/delivery/delivery_engine.hpp"
#include "graph/action_families.hpp"
#include "money/money.hpp"

namespace fbmcp::fake::delivery {
namespace {

struct Bucket {
  Day since;
  Day until;
};

std::vector<Bucket> buckets_of(const DateRange& range, int increment) {
  std::vector<Bucket> out;
  if (increment == 0) return {{range.since, range.until}};
  for (Day start = range.since; start <= range.until;) {
    const Day end = increment < 0 ? std::min(add_months(first_of_month(start), 1) - 1, range.until)
                                  : std::min(start + increment - 1, range.until);
    out.push_back({start, end});
    start = end + 1;
  }
  return out;
}

// One output row while it is being added up.
struct Group {
  const Node* object = nullptr;  // the level's node (the account at level=account)
  const Node* ad = nullptr;      // any ad of the group, to find its campaign and ad set
  Bucket bucket{};
  std::vector<std::string> values;  // breakdown values
  Counts sum{};
  std::set<const Node*> ads;
  int64_t reach_sum = 0, reach_max = 0, reach_today = 0;
  int days = 0;
  Day day = INT_MIN;

  void add(const Node* from_ad, Day at, const Counts& counts) {
    if (at != day) flush(), day = at;
    add_to(sum, counts);
    reach_today += counts[kReach];
    if (counts[kImpressions] > 0) ads.insert(from_ad);
  }
  void flush() {
    if (day == INT_MIN || reach_today == 0) return;
    reach_sum += reach_today;
    reach_max = std::max(reach_max, reach_today);
    reach_today = 0;
    ++days;
  }
  // Reach over days and ads is people, not impressions: the same person seen on two days or by two ads counts once,
  // so reach over a range is below the sum of daily reach, at least the best day's, at most the impressions.
  int64_t reach() const {
    if (reach_sum == 0) return 0;
    const double dedup = (1.0 + 0.3 * std::log(std::max(1, days))) * (1.0 + 0.1 * std::log(std::max<size_t>(1, ads.size())));
    const int64_t estimate = std::llround(static_cast<double>(reach_sum) / dedup);
    return std::min(sum[kImpressions], std::max(reach_max, estimate));
  }
};

const Node* level_object(const std::string& level, const Node& ad, const Node& account, const ObjectStore& store) {
  if (level == "account") return &account;
  if (level == "campaign") return store.find(core::string_or_empty(ad.data, "campaign_id"));
  if (level == "adset") return store.find(core::string_or_empty(ad.data, "adset_id"));
  return &ad;
}

std::string text_of_value(const nlohmann::json& value) {
  if (value.is_string()) return value.get<std::string>();
  if (value.is_number()) return value.dump();
  return {};
}

bool compare(const std::string& op, double left, double right) {
  if (op == "EQUAL") return left == right;
  if (op == "NOT_EQUAL") return left != right;
  if (op == "GREATER_THAN") return left > right;
  if (op == "GREATER_THAN_OR_EQUAL") return left >= right;
  if (op == "LESS_THAN") return left < right;
  if (op == "LESS_THAN_OR_EQUAL") return left <= right;
  return true;
}

bool matches_text(const MetricFilter& filter, const std::string& actual) {
  if (filter.op == "IN" || filter.op == "NOT_IN") {
    const bool found = std::any_of(filter.value.begin(), filter.value.end(),
                                   [&](const nlohmann::json& v) { return text_of_value(v) == actual; });
    return filter.op == "IN" ? found : !found;
  }
  const std::string wanted = text_of_value(filter.value);
  if (filter.op == "CONTAIN") return actual.find(wanted) != std::string::npos;
  if (filter.op == "NOT_CONTAIN") return actual.find(wanted) == std::string::npos;
  if (filter.op == "NOT_EQUAL") return actual != wanted;
  return actual == wanted;
}

// campaign.id, adset.effective_status, …: decided per ad before anything is added up.
bool ad_passes(const Node& ad, const std::vector<MetricFilter>& filters, const ObjectStore& store) {
  for (const auto& filter : filters) {
    const auto dot = filter.field.find('.');
    if (dot == std::string::npos) continue;
    const std::string level = filter.field.substr(0, dot);
    std::string key = filter.field.substr(dot + 1);
    const Node* node = level == "ad" ? &ad : store.find(core::string_or_empty(ad.data, level + "_id"));
    if (!node) return false;
    if (key == "objective" && level != "campaign") {
      node = store.find(core::string_or_empty(ad.data, "campaign_id"));
      if (!node) return false;
    }
    if (!matches_text(filter, core::string_or_empty(node->data, key))) return false;
  }
  return true;
}

class RowWriter {
 public:
  RowWriter(const InsightsQuery& query, const Node& account, const ObjectStore& store)
      : query_(query), account_(account), store_(store), currency_(core::string_or_empty(account.data, "currency")) {}

  std::string money(int64_t minor) const {
    auto amount = money::to_amount(minor, currency_);
    return amount ? *amount : std::to_string(minor);
  }
  double major(int64_t minor) const {
    auto amount = money::to_amount(minor, currency_);
    return amount ? std::stod(*amount) : static_cast<double>(minor);
  }
  static std::string decimal(double value) {
    char buffer[64];
    std::snprintf(buffer, sizeof buffer, "%.6f", value);
    return buffer;
  }

  // A metric as a number, for filtering and sorting; nullopt when the row has no such value.
  std::optional<double> number(const Group& g, const std::string& field) const {
    const auto& c = g.sum;
    const double impressions = static_cast<double>(c[kImpressions]);
    const double clicks = static_cast<double>(c[kClicks]);
    const double reach = static_cast<double>(g.reach());
    if (field == "spend") return major(c[kSpend]);
    if (field == "impressions") return impressions;
    if (field == "reach") return reach;
    if (field == "clicks") return clicks;
    if (field == "inline_link_clicks") return static_cast<double>(c[kLinkClicks]);
    if (field == "frequency" && reach > 0) return impressions / reach;
    if (field == "ctr" && impressions > 0) return clicks / impressions * 100;
    if (field == "inline_link_click_ctr" && impressions > 0) return static_cast<double>(c[kLinkClicks]) / impressions * 100;
    if (field == "cpc" && clicks > 0) return major(c[kSpend]) / clicks;
    if (field == "cost_per_inline_link_click" && c[kLinkClicks] > 0) return major(c[kSpend]) / static_cast<double>(c[kLinkClicks]);
    if (field == "cpm" && impressions > 0) return major(c[kSpend]) / impressions * 1000;
    if (field == "cpp" && reach > 0) return major(c[kSpend]) / reach * 1000;
    return std::nullopt;
  }

  nlohmann::json row(const Group& g) const {
    nlohmann::json row = nlohmann::json::object();
    const bool region = std::find(query_.breakdowns.begin(), query_.breakdowns.end(), "region") != query_.breakdowns.end();
    for (const auto& field : query_.fields) {
      if (auto value = field_value(g, field, region); !value.is_null()) row[field] = std::move(value);
    }
    row["date_start"] = format_day(g.bucket.since);
    row["date_stop"] = format_day(g.bucket.until);
    for (size_t i = 0; i < query_.breakdowns.size() && i < g.values.size(); ++i) row[query_.breakdowns[i]] = g.values[i];
    return row;
  }

 private:
  const Node* parent(const Group& g, const char* link) const {
    return g.ad ? store_.find(core::string_or_empty(g.ad->data, link)) : nullptr;
  }

  nlohmann::json field_value(const Group& g, const std::string& field, bool region) const {
    const int depth = level_depth(query_.level);
    if (field == "account_id") return core::string_or_empty(account_.data, "account_id");
    if (field == "account_name") return core::string_or_empty(account_.data, "name");
    if (field == "account_currency") return currency_;
    for (const auto& [prefix, level, link] : {std::tuple{"campaign", 1, "campaign_id"}, std::tuple{"adset", 2, "adset_id"},
                                              std::tuple{"ad", 3, "id"}}) {
      if (depth < level) continue;
      const Node* node = level == 3 ? g.ad : parent(g, link);
      if (!node) continue;
      if (field == std::string(prefix) + "_id") return core::string_or_empty(node->data, "id");
      if (field == std::string(prefix) + "_name") return core::string_or_empty(node->data, "name");
    }
    if (field == "objective" && depth >= 1) {
      if (const Node* campaign = parent(g, "campaign_id")) return core::string_or_empty(campaign->data, "objective");
    }
    if (field == "spend") return money(g.sum[kSpend]);
    if (field == "impressions" || field == "reach" || field == "clicks" || field == "inline_link_clicks") {
      const auto value = number(g, field);
      return std::to_string(static_cast<int64_t>(*value));
    }
    if (const auto value = number(g, field)) return decimal(*value);
    if (field == "actions" || field == "cost_per_action_type") return actions(g, field == "cost_per_action_type", region);
    if (field == "action_values") return action_values(g, region);
    if ((field == "purchase_roas" || field == "website_purchase_roas") && !region) {
      const int64_t value = default_purchase_value(g.sum);
      if (value == 0 || g.sum[kSpend] == 0) return nullptr;
      const char* type = field == "purchase_roas" ? "omni_purchase" : "offsite_conversion.fb_pixel_purchase";
      return nlohmann::json::array({{{"action_type", type}, {"value", decimal(major(value) / major(g.sum[kSpend]))}}});
    }
    return nullptr;  // a valid Insights field this emulator does not model: Graph leaves out fields without data too
  }

  // Counts of one family in each window (non-conversions have no view-through and the same count at every click
  // window).
  std::array<int64_t, kWindowCount> family_counts(const Group& g, const graph::ActionFamily& family) const {
    std::array<int64_t, kWindowCount> out{};
    const std::string_view name = family.name;
    int family_index = -1;
    if (name == "purchase") family_index = kPurchase;
    if (name == "lead") family_index = kLead;
    if (name == "app_install") family_index = kAppInstall;
    if (family_index >= 0) {
      for (int w = 0; w < kWindowCount; ++w) out[w] = g.sum[conversion_index(static_cast<Family>(family_index), static_cast<Window>(w))];
      return out;
    }
    int64_t count = 0;
    if (name == "landing_page_view") count = g.sum[kLandingPageViews];
    if (name == "link_click") count = g.sum[kLinkClicks];
    if (name == "video_view") count = g.sum[kVideoViews];
    if (name == "post_engagement" || name == "page_engagement") count = g.sum[kPostEngagement];
    out[k1dClick] = out[k7dClick] = out[k28dClick] = count;
    return out;
  }

  nlohmann::json entry(std::string_view type, int64_t value, const std::array<int64_t, kWindowCount>& windows,
                       bool money_value) const {
    nlohmann::json e = {{"action_type", std::string(type)}, {"value", money_value ? money(value) : std::to_string(value)}};
    for (const auto& window : query_.windows) {
      for (int w = 0; w < kWindowCount; ++w) {
        if (window == kWindowNames[w]) e[window] = money_value ? money(windows[w]) : std::to_string(windows[w]);
      }
    }
    return e;
  }

  nlohmann::json actions(const Group& g, bool cost, bool region) const {
    auto list = nlohmann::json::array();
    for (const auto& family : graph::kActionFamilies) {
      // Type 1 breakdowns (region) do not return off-Meta conversions (FBD/marketing-api/insights/breakdowns).
      if (region && family.is_conversion) continue;
      const auto windows = family_counts(g, family);
      const int64_t value = windows[k7dClick] + windows[k1dView];
      if (value == 0) continue;
      for (const auto member : family.members) {
        if (member.empty()) continue;
        if (!cost) {
          list.push_back(entry(member, value, windows, false));
        } else if (g.sum[kSpend] > 0) {
          list.push_back({{"action_type", std::string(member)}, {"value", decimal(major(g.sum[kSpend]) / static_cast<double>(value))}});
        }
      }
    }
    return list.empty() ? nlohmann::json() : list;
  }

  nlohmann::json action_values(const Group& g, bool region) const {
    if (region) return nullptr;
    std::array<int64_t, kWindowCount> windows{};
    for (int w = 0; w < kWindowCount; ++w) windows[w] = g.sum[purchase_value_index(static_cast<Window>(w))];
    const int64_t value = default_purchase_value(g.sum);
    if (value == 0) return nullptr;
    auto list = nlohmann::json::array();
    for (const auto member : graph::kActionFamilies[0].members) list.push_back(entry(member, value, windows, true));
    return list;
  }

  const InsightsQuery& query_;
  const Node& account_;
  const ObjectStore& store_;
  std::string currency_;
};

Day first_day(const InsightsQuery& q) {
  Day d = q.ranges.front().since;
  for (const auto& r : q.ranges) d = std::min(d, r.since);
  return d;
}
Day last_day(const InsightsQuery& q) {
  Day d = q.ranges.front().until;
  for (const auto& r : q.ranges) d = std::max(d, r.until);
  return d;
}

}  // namespace

size_t insights_cost(const InsightsQuery& query, const InsightsScope& scope, const TargetingDb& targeting) {
  size_t days = 0;
  for (const auto& range : query.ranges) days += static_cast<size_t>(range.until - range.since + 1);
  std::map<std::string, size_t> cells_of_adset;
  size_t cost = 0;
  for (const Node* ad : scope.ads) {
    const std::string adset_id = core::string_or_empty(ad->data, "adset_id");
    auto found = cells_of_adset.find(adset_id);
    if (found == cells_of_adset.end()) {
      // Breakdown cells depend only on the ad set's targeting; the ad's own data is a fine stand-in when it has none.
      found = cells_of_adset.emplace(adset_id, query.breakdowns.empty() ? 1 : breakdown_cells(query.breakdowns, ad->data, targeting).size()).first;
    }
    cost += days * found->second;
  }
  return cost;
}

InsightsAnswer answer_insights(const InsightsQuery& query, const InsightsScope& scope, const ObjectStore& store,
                               const TargetingDb& targeting, int64_t now) {
  InsightsAnswer answer;
  if (!scope.account || query.ranges.empty()) return answer;
  DeliveryEngine engine(store, *scope.account, now, first_day(query), last_day(query));
  std::vector<const Node*> ads;
  for (const Node* ad : scope.ads) {
    if (ad_passes(*ad, query.filters, store)) ads.push_back(ad);
  }
  std::vector<const std::vector<Counts>*> series;
  for (const Node* ad : ads) series.push_back(&engine.ad_days(*ad));
  std::map<std::string, std::vector<BreakdownCell>> cells_of_adset;
  const auto cells_for = [&](const Node& ad) -> const std::vector<BreakdownCell>& {
    const std::string adset_id = core::string_or_empty(ad.data, "adset_id");
    auto found = cells_of_adset.find(adset_id);
    if (found != cells_of_adset.end()) return found->second;
    const Node* adset = store.find(adset_id);
    return cells_of_adset.emplace(adset_id, breakdown_cells(query.breakdowns, adset ? adset->data : ad.data, targeting)).first->second;
  };

  std::map<std::string, Group> groups;  // keyed by date, object and breakdown values: Graph's row order
  Group total;
  for (size_t r = 0; r < query.ranges.size(); ++r) {
    for (const auto& bucket : buckets_of(query.ranges[r], query.time_increment)) {
      for (Day day = bucket.since; day <= bucket.until; ++day) {
        for (size_t a = 0; a < ads.size(); ++a) {
          const Counts& counts = (*series[a])[static_cast<size_t>(day - engine.first())];
          if (counts[kImpressions] == 0 && counts[kSpend] == 0) continue;
          const Node* object = level_object(query.level, *ads[a], *scope.account, store);
          if (!object) continue;
          if (r == 0) total.add(ads[a], day, counts);
          const auto& cells = cells_for(*ads[a]);
          const auto parts = split_counts(counts, cells);
          for (size_t c = 0; c < cells.size(); ++c) {
            std::string key = format_day(bucket.since) + "|" + std::to_string(r) + "|" + core::string_or_empty(object->data, "id");
            for (const auto& v : cells[c].values) key += "|" + v;
            Group& g = groups[key];
            if (!g.object) {
              g.object = object;
              g.ad = ads[a];
              g.bucket = bucket;
              g.values = cells[c].values;
            }
            g.add(ads[a], day, parts[c]);
          }
        }
      }
    }
  }
  RowWriter writer(query, *scope.account, store);
  std::vector<const Group*> kept;
  for (auto& [key, g] : groups) {
    g.flush();
    if (g.sum[kImpressions] == 0 && g.sum[kSpend] == 0) continue;  // Graph leaves out rows without delivery
    bool pass = true;
    for (const auto& filter : query.filters) {
      if (filter.field.find('.') != std::string::npos) continue;
      const auto value = writer.number(g, filter.field);
      const auto wanted = filter.value.is_number() ? filter.value.get<double>()
                                                   : std::strtod(text_of_value(filter.value).c_str(), nullptr);
      if (!value || !compare(filter.op, *value, wanted)) pass = false;
    }
    if (pass) kept.push_back(&g);
  }
  if (!query.sort.empty()) {
    std::stable_sort(kept.begin(), kept.end(), [&](const Group* a, const Group* b) {
      for (const auto& key : query.sort) {
        const double x = writer.number(*a, key.field).value_or(0), y = writer.number(*b, key.field).value_or(0);
        if (x != y) return key.descending ? x > y : x < y;
      }
      return false;
    });
  }
  answer.rows.reserve(kept.size());
  for (const Group* g : kept) answer.rows.push_back(writer.row(*g).dump());
  if (!query.summary_fields.empty()) {
    total.flush();
    total.bucket = {query.ranges.front().since, query.ranges.front().until};
    InsightsQuery summary_query = query;
    summary_query.fields = query.summary_fields;
    summary_query.breakdowns.clear();
    summary_query.level = "account";
    answer.summary = RowWriter(summary_query, *scope.account, store).row(total);
  }
  return answer;
}

}  // namespace fbmcp::fake::delivery
