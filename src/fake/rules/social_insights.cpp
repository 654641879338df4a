#include "fake/rules/social_insights.hpp"

#include <algorithm>
#include <cmath>

#include "fake/delivery/local_days.hpp"
#include "fake/delivery/seeded_random.hpp"
#include "fake/rules/instagram_rules.hpp"
#include "fake/rules/social_metrics.hpp"
#include "graph/graph_time.hpp"

namespace fbmcp::fake {
namespace {

using delivery::Day;
using delivery::kSecondsPerDay;

// Graph's insights window limit: "(#100) There cannot be more than 30 days (2592000 s) between since and until".
constexpr int64_t kSocialMaxWindowSeconds = 30 * kSecondsPerDay;

std::vector<std::string> social_split_metrics(const std::string& text) {
  std::vector<std::string> out;
  size_t start = 0;
  while (start <= text.size()) {
    const auto comma = text.find(',', start);
    auto part = text.substr(start, comma == std::string::npos ? std::string::npos : comma - start);
    if (!part.empty()) out.push_back(part);
    if (comma == std::string::npos) break;
    start = comma + 1;
  }
  return out;
}

std::optional<int64_t> social_time_param(const ParamMap& params, const std::string& key) {
  const auto raw = param(params, key);
  if (!raw) return std::nullopt;
  if (!raw->empty() && raw->size() <= 12 && std::all_of(raw->begin(), raw->end(), [](char c) { return c >= '0' && c <= '9'; })) {
    return std::stoll(*raw);
  }
  return graph::parse_graph_time(*raw);
}

// One metric's value for one object on one day: the same inputs always give the same number.
int64_t social_daily_value(const std::string& object_id, const std::string& metric, Day day, double mean) {
  delivery::SeededRandom random(delivery::hash_text(object_id + "|" + metric + "|" + std::to_string(day)));
  const double weekday = delivery::weekday_monday0(day) >= 5 ? 1.15 : 1.0;  // weekends a little busier
  return random.round_randomly(mean * weekday * random.between(0.7, 1.3));
}

// What one day of a metric averages for an object of `audience` followers.
double social_daily_mean(const std::string& metric, double audience) {
  if (metric == "reach" || metric == "page_total_media_view_unique") return audience * 0.12;
  if (metric == "views" || metric == "page_media_view") return audience * 0.30;
  if (metric == "page_views_total" || metric == "profile_views") return audience * 0.01;
  if (metric == "page_video_views") return audience * 0.05;
  if (metric == "follower_count" || metric == "page_daily_follows_unique" || metric == "follows_and_unfollows") {
    return std::max(1.0, audience * 0.0015);
  }
  if (metric == "page_daily_unfollows_unique") return audience * 0.0004;
  if (metric == "accounts_engaged") return audience * 0.02;
  if (metric == "total_interactions" || metric == "page_post_engagements") return audience * 0.025;
  if (metric == "likes") return audience * 0.018;
  if (metric == "comments" || metric == "shares" || metric == "saves") return audience * 0.002;
  if (metric == "replies" || metric == "profile_links_taps" || metric == "website_clicks") return audience * 0.001;
  if (metric == "page_follows") return audience;
  return audience * 0.01;
}

struct SocialWindow {
  Day first = 0;
  Day last = 0;  // inclusive
};

std::expected<SocialWindow, GraphError> social_window(const ParamMap& params, int64_t now) {
  for (const char* key : {"since", "until"}) {
    if (auto refused = check_time(params, key)) return std::unexpected(*refused);
  }
  const int64_t until = social_time_param(params, "until").value_or(now);
  const int64_t since = social_time_param(params, "since").value_or(until - 2 * kSecondsPerDay);
  if (until < since) return std::unexpected(invalid_param("since", "since must be before until"));
  if (until - since > kSocialMaxWindowSeconds) {
    GraphError e;
    e.message = "(#100) There cannot be more than 30 days (2592000 s) between since and until";
    return std::unexpected(e);
  }
  const delivery::AccountClock utc;
  const Day last = std::max(utc.day_of(since), utc.day_of(until) - (until % kSecondsPerDay == 0 ? 1 : 0));
  return SocialWindow{utc.day_of(since), last};
}

std::string social_end_time(Day day) { return delivery::format_day(day + 1) + "T08:00:00+0000"; }

std::expected<nlohmann::json, GraphError> media_insights(const Node& media, const ParamMap& params) {
  const auto metric_text = param(params, "metric");
  if (!metric_text || metric_text->empty()) return std::unexpected(missing_param("metric"));
  const std::string id = media.data.value("id", "");
  const std::string product = media.data.value("media_product_type", "FEED");
  const double likes = static_cast<double>(media.data.value("like_count", int64_t{0}));
  const double comments = static_cast<double>(media.data.value("comments_count", int64_t{0}));
  auto data = nlohmann::json::array();
  for (const auto& metric : social_split_metrics(*metric_text)) {
    if (auto refused = check_media_metric(metric, product)) return std::unexpected(*refused);
    delivery::SeededRandom random(delivery::hash_text(id + "|" + metric));
    int64_t value = 0;
    if (metric == "likes") value = static_cast<int64_t>(likes);
    else if (metric == "comments") value = static_cast<int64_t>(comments);
    else if (metric == "reach") value = static_cast<int64_t>(likes * 11.0 * random.between(0.8, 1.2));
    else if (metric == "views") value = static_cast<int64_t>(likes * 17.0 * random.between(0.8, 1.2));
    else if (metric == "saved") value = static_cast<int64_t>(likes * random.between(0.03, 0.08));
    else if (metric == "shares") value = static_cast<int64_t>(likes * random.between(0.02, 0.06));
    else if (metric == "total_interactions") {
      delivery::SeededRandom saved(delivery::hash_text(id + "|saved"));
      delivery::SeededRandom shares(delivery::hash_text(id + "|shares"));
      value = static_cast<int64_t>(likes) + static_cast<int64_t>(comments) +
              static_cast<int64_t>(likes * saved.between(0.03, 0.08)) +
              static_cast<int64_t>(likes * shares.between(0.02, 0.06));
    } else if (metric == "ig_reels_avg_watch_time") value = static_cast<int64_t>(random.between(4000, 14000));
    else if (metric == "ig_reels_video_view_total_time") value = static_cast<int64_t>(likes * 17.0 * random.between(5000, 9000));
    else value = static_cast<int64_t>(likes * random.between(0.005, 0.02));
    data.push_back({{"name", metric},
                    {"period", "lifetime"},
                    {"values", {{{"value", value}}}},
                    {"id", id + "/insights/" + metric + "/lifetime"}});
  }
  return nlohmann::json{{"data", data}};
}

std::expected<nlohmann::json, GraphError> account_insights(const Node& account, const ParamMap& params, int64_t now) {
  const auto metric_text = param(params, "metric");
  if (!metric_text || metric_text->empty()) return std::unexpected(missing_param("metric"));
  const auto period = param(params, "period");
  if (!period || period->empty()) return std::unexpected(missing_param("period"));
  if (*period != "day") return std::unexpected(invalid_enum("period", *period, nlohmann::json::array({"day"})));
  const std::string metric_type = param(params, "metric_type").value_or("time_series");
  if (metric_type != "time_series" && metric_type != "total_value") {
    return std::unexpected(invalid_enum("metric_type", metric_type, nlohmann::json::array({"time_series", "total_value"})));
  }
  auto window = social_window(params, now);
  if (!window) return std::unexpected(window.error());
  const std::string id = account.data.value("id", "");
  const double audience = static_cast<double>(account.data.value("followers_count", int64_t{1000}));
  const auto metrics = social_split_metrics(*metric_text);
  std::string total_only;
  for (const auto& name : metrics) {
    const AccountMetric* metric = find_account_metric(name);
    if (!metric) return std::unexpected(account_metric_error(name));
    if (metric->total_value_only && metric_type == "time_series") total_only += (total_only.empty() ? "" : ", ") + name;
  }
  if (!total_only.empty()) {
    GraphError e;
    e.message = "(#100) The following metrics (" + total_only + ") should be specified with parameter metric_type=total_value";
    return std::unexpected(e);
  }
  auto data = nlohmann::json::array();
  for (const auto& name : metrics) {
    const AccountMetric* metric = find_account_metric(name);
    nlohmann::json row = {{"name", name}, {"period", "day"}, {"title", metric->title},
                          {"id", id + "/insights/" + name + "/day"}};
    const double mean = social_daily_mean(name, audience);
    if (metric_type == "total_value") {
      int64_t total = 0;
      for (Day day = window->first; day <= window->last; ++day) total += social_daily_value(id, name, day, mean);
      row["total_value"] = {{"value", total}};
    } else {
      auto values = nlohmann::json::array();
      for (Day day = window->first; day <= window->last; ++day) {
        values.push_back({{"value", social_daily_value(id, name, day, mean)}, {"end_time", social_end_time(day)}});
      }
      row["values"] = values;
    }
    data.push_back(std::move(row));
  }
  return nlohmann::json{{"data", data}};
}

std::expected<nlohmann::json, GraphError> page_insights(const Node& page, const ParamMap& params, int64_t now) {
  const auto metric_text = param(params, "metric");
  if (!metric_text || metric_text->empty()) return std::unexpected(missing_param("metric"));
  const std::string period = param(params, "period").value_or("day");
  if (period != "day" && period != "week" && period != "days_28") {
    return std::unexpected(invalid_enum("period", period, nlohmann::json::array({"day", "week", "days_28"})));
  }
  auto window = social_window(params, now);
  if (!window) return std::unexpected(window.error());
  const std::string id = page.data.value("id", "");
  const double audience = static_cast<double>(page.data.value("followers_count", int64_t{1000}));
  const int span = period == "day" ? 1 : period == "week" ? 7 : 28;
  auto data = nlohmann::json::array();
  for (const auto& metric : social_split_metrics(*metric_text)) {
    const char* title = page_metric_title(metric);
    if (!title) {
      GraphError e;
      e.message = "(#100) The value must be a valid insights metric";
      return std::unexpected(e);
    }
    const double mean = social_daily_mean(metric, audience);
    auto values = nlohmann::json::array();
    for (Day day = window->first; day <= window->last; ++day) {
      int64_t value = 0;
      if (metric == "page_follows") {
        value = static_cast<int64_t>(audience);  // a level, not a sum over the period
      } else {
        for (Day back = 0; back < span; ++back) value += social_daily_value(id, metric, day - back, mean);
      }
      values.push_back({{"value", value}, {"end_time", social_end_time(day)}});
    }
    data.push_back({{"name", metric},
                    {"period", period},
                    {"values", values},
                    {"title", title},
                    {"id", id + "/insights/" + metric + "/" + period}});
  }
  return nlohmann::json{{"data", data}};
}

}  // namespace

std::optional<std::expected<nlohmann::json, GraphError>> social_insights_edge(const Node& node,
                                                                              const std::string& edge,
                                                                              const ParamMap& params, int64_t now) {
  if (edge != "insights") return std::nullopt;
  if (is_carousel_child(node)) return std::unexpected(carousel_child_insights_error());
  if (node.type == "ig_media") return media_insights(node, params);
  if (node.type == "ig_user") return account_insights(node, params, now);
  if (node.type == "page") return page_insights(node, params, now);
  return std::nullopt;
}

}  // namespace fbmcp::fake
