// page_insights: a page's reach and engagement over a window of days (GET /<page>/insights with a page token,
// period day/week/days_28). Metrics as v24 still serves them: impressions and fans were removed (Pages API
// "Deprecated Facebook Page Insights Metrics"; Meta's "Page Insights API Updates", 2025-08-15), page_media_view and
// page_total_media_view_unique replace them.
#include "graph/json_fields.hpp"
#include "ops/all_ops.hpp"
#include "ops/common/day_window.hpp"
#include "ops/pages/client_mapping.hpp"
#include "ops/pages/pages_ops.hpp"

namespace fbmcp::ops {
namespace {

using tool::OpContext;
using tool::OpOutput;

core::Result<OpOutput> page_insights(const nlohmann::json& args, OpContext& ctx) {
  auto window = day_window(args);
  if (!window) return std::unexpected(window.error());
  auto access = page_access(ctx, args);
  if (!access) return std::unexpected(access.error());
  const nlohmann::json metrics =
      args.contains("metrics") ? args["metrics"]
                               : nlohmann::json{"page_media_view", "page_total_media_view_unique",
                                                "page_post_engagements", "page_daily_follows_unique", "page_follows"};
  std::string metric_text;
  for (const auto& metric : metrics) metric_text += (metric_text.empty() ? "" : ",") + metric.get<std::string>();
  const std::string period = args.value("period", "day");
  auto body = access->client->get(access->page_id + "/insights", {{"metric", metric_text},
                                                                  {"period", period},
                                                                  {"since", std::to_string(window->since)},
                                                                  {"until", std::to_string(window->until)}});
  if (!body) {
    auto error = body.error();
    if (error.graph && error.graph->code == 100) {
      error.hint = "v24 page metrics include page_media_view, page_total_media_view_unique, page_post_engagements, "
                   "page_follows, page_daily_follows_unique, page_video_views; page_impressions* and page_fans* "
                   "are gone";
    }
    return std::unexpected(error);
  }
  const std::string what = access->page_id + "/insights";
  if (!body->contains("data") || !(*body)["data"].is_array()) {
    return std::unexpected(graph::unexpected_shape(what, "no `data` list"));
  }
  auto items = nlohmann::json::array();
  for (const auto& item : (*body)["data"]) {
    const auto name = graph::read_string(item, "name");
    if (!name) return std::unexpected(graph::unexpected_shape(what, name.error()));
    const auto title = graph::read_string(item, "title");
    if (!title) return std::unexpected(graph::unexpected_shape(what, title.error()));
    if (!item.contains("values") || !item["values"].is_array()) {
      return std::unexpected(graph::unexpected_shape(what, "a metric without values"));
    }
    auto values = nlohmann::json::array();
    for (const auto& point : item["values"]) {
      const auto value = graph::read_int(point, "value", "values[].value");
      if (!value) return std::unexpected(graph::unexpected_shape(what, value.error()));
      const auto end = graph::read_string(point, "end_time", "values[].end_time");
      if (!end) return std::unexpected(graph::unexpected_shape(what, end.error()));
      values.push_back({{"date", end->has_value() ? day_of_end_time(**end) : std::string()},
                        {"value", value->value_or(0)}});
    }
    items.push_back({{"name", name->value_or("")}, {"title", title->value_or("")}, {"values", values}});
  }
  OpOutput out;
  out.data = {{"page_id", access->page_id}, {"since", window->since_day}, {"until", window->until_day},
              {"period", period}, {"items", items}, {"count", items.size()}};
  out.table_columns = {"name", "title", "values"};
  out.summary = "Page " + access->page_id + " insights, " + window->since_day + " to " + window->until_day +
                " (period " + period + "; each value is the period ending that day):";
  return out;
}

}  // namespace

void register_page_insights_op(tool::OpRegistry& registry) {
  registry.add({"page_insights", "pages", "A page's media views, reach, engagement and followers over a window of days",
                tool::Effect::Read, true, page_insights, {}});
}

}  // namespace fbmcp::ops
