// Which insights metrics Graph v24 serves for pages, Instagram accounts and Instagram media, and its error for the
// ones it does not.
#pragma once
#include <optional>
#include <string>
#include <vector>

#include "fake/graph_error.hpp"

namespace fbmcp::fake {

// IG Media (Instagram Platform reference, "Instagram Media Insights", v22+): views, reach, saved, shares, likes,
// comments, total_interactions, … per media_product_type; impressions, plays, clips_replays_count,
// ig_reels_aggregated_all_plays_count deprecated in v22.0 and video_views before. Graph answers a metric a product
// type lacks with "(#100) The Media Insights API does not support the <metric> metric for this media product
// type." (observed: airbytehq/airbyte PR #62902).
std::optional<GraphError> check_media_metric(const std::string& metric, const std::string& product_type);

// IG User insights (v22+; impressions removed: "Starting from version 22 and above, the impressions metric is no
// longer supported for the queried user", observed in gitroomhq/postiz-app issue #622). `total_value_only` metrics
// refuse metric_type=time_series.
struct AccountMetric {
  const char* name;
  bool total_value_only;
  const char* title;
};
const AccountMetric* find_account_metric(const std::string& name);
std::vector<std::string> account_metric_names();
GraphError account_metric_error(const std::string& metric);

// Page insights still served in v24 (Pages API "Deprecated Facebook Page Insights Metrics": page_impressions*,
// page_fans*, page_engaged_users removed; page_media_view / page_total_media_view_unique replace impressions).
// A removed or unknown one: "(#100) The value must be a valid insights metric".
const char* page_metric_title(const std::string& metric);  // nullptr when Graph no longer has it

}  // namespace fbmcp::fake
