#include "fake/rules/social_metrics.hpp"

#include <algorithm>
#include <map>
#include <set>

namespace fbmcp::fake {
namespace {

// Instagram Media Insights reference (v22+), the metric table per media product type.
const std::map<std::string, std::set<std::string>>& media_metrics_by_product() {
  static const std::map<std::string, std::set<std::string>> kTable = {
      {"FEED", {"comments", "follows", "likes", "profile_activity", "profile_visits", "reach", "saved", "shares",
                "total_interactions", "views"}},
      {"REELS", {"comments", "ig_reels_avg_watch_time", "ig_reels_video_view_total_time", "likes", "reach", "saved",
                 "shares", "total_interactions", "views"}},
      {"STORY", {"follows", "navigation", "profile_activity", "profile_visits", "reach", "replies", "shares",
                 "total_interactions", "views"}},
  };
  return kTable;
}

constexpr AccountMetric kAccountMetrics[] = {
    {"reach", false, "Accounts reached"},
    {"follower_count", false, "Follower count"},
    {"views", true, "Views"},
    {"accounts_engaged", true, "Accounts engaged"},
    {"total_interactions", true, "Content interactions"},
    {"likes", true, "Likes"},
    {"comments", true, "Comments"},
    {"shares", true, "Shares"},
    {"saves", true, "Saves"},
    {"replies", true, "Replies"},
    {"profile_links_taps", true, "Profile links taps"},
    {"website_clicks", true, "Website clicks"},
    {"profile_views", true, "Profile views"},
    {"follows_and_unfollows", true, "Follows and unfollows"},
};

}  // namespace

std::optional<GraphError> check_media_metric(const std::string& metric, const std::string& product_type) {
  const auto& table = media_metrics_by_product();
  const auto found = table.find(product_type);
  if (found != table.end() && found->second.count(metric)) return std::nullopt;
  GraphError e;
  e.message = "(#100) The Media Insights API does not support the " + metric + " metric for this media product type.";
  return e;
}

const AccountMetric* find_account_metric(const std::string& name) {
  for (const auto& metric : kAccountMetrics) {
    if (name == metric.name) return &metric;
  }
  return nullptr;
}

std::vector<std::string> account_metric_names() {
  std::vector<std::string> names;
  for (const auto& metric : kAccountMetrics) names.push_back(metric.name);
  return names;
}

GraphError account_metric_error(const std::string& metric) {
  GraphError e;
  if (metric == "impressions") {
    e.message = "(#100) Starting from version 22 and above, the impressions metric is no longer supported for the "
                "queried user. Please refer to the documentation at "
                "https://developers.facebook.com/docs/instagram-api/reference/ig-user/insights for a list of "
                "supported metrics.";
    return e;
  }
  std::string names;
  for (const auto& name : account_metric_names()) names += (names.empty() ? "" : ", ") + name;
  e.message = "(#100) metric[0] must be one of the following values: " + names;
  return e;
}

const char* page_metric_title(const std::string& metric) {
  static const std::map<std::string, const char*> kPageMetrics = {
      {"page_media_view", "Media views"},
      {"page_total_media_view_unique", "Unique media views"},
      {"page_post_engagements", "Post engagements"},
      {"page_follows", "Followers"},
      {"page_daily_follows_unique", "Daily new followers"},
      {"page_daily_unfollows_unique", "Daily unfollows"},
      {"page_video_views", "Video views"},
      {"page_views_total", "Page views"},
  };
  const auto found = kPageMetrics.find(metric);
  return found == kPageMetrics.end() ? nullptr : found->second;
}

}  // namespace fbmcp::fake
