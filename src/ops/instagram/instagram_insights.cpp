// instagram_insights: an Instagram account's metrics over a window of days (GET /<ig_user>/insights with period=day
// and metric_type total_value or time_series: graph-api-facts.md "Instagram", PSDK adobjects/iguser.py), or one
// media's lifetime metrics (GET /<ig_media>/insights). Graph v22+ metric names: views replaced impressions and plays
// (Instagram Media Insights reference). A metric a media's product type lacks is Graph's own error, with a hint.
#include "graph/json_fields.hpp"
#include "ops/all_ops.hpp"
#include "ops/common/day_window.hpp"
#include "ops/instagram/instagram_ops.hpp"
#include "ops/instagram/instagram_reads.hpp"

namespace fbmcp::ops {
namespace {

using tool::OpContext;
using tool::OpOutput;

std::string join_metrics(const nlohmann::json& metrics) {
  std::string out;
  for (const auto& metric : metrics) out += (out.empty() ? "" : ",") + metric.get<std::string>();
  return out;
}

// Media metrics every product type but STORY has (Instagram Media Insights reference, v22+); stories get theirs.
nlohmann::json default_media_metrics(const std::string& product_type) {
  if (product_type == "STORY") return {"views", "reach", "shares", "total_interactions", "replies"};
  return {"views", "reach", "likes", "comments", "saved", "shares", "total_interactions"};
}

// {name, value} rows from Graph's [{name, values: [{value}]}] or [{name, total_value: {value}}].
core::Result<nlohmann::json> read_metric_rows(const nlohmann::json& body, const std::string& what, bool by_day) {
  if (!body.contains("data") || !body["data"].is_array()) {
    return std::unexpected(graph::unexpected_shape(what, "no `data` list"));
  }
  auto rows = nlohmann::json::array();
  for (const auto& item : body["data"]) {
    const auto name = graph::read_string(item, "name");
    if (!name) return std::unexpected(graph::unexpected_shape(what, name.error()));
    nlohmann::json row = {{"name", name->value_or("")}};
    if (const auto title = graph::read_string(item, "title"); title && *title) row["title"] = **title;
    const auto total = graph::read_object(item, "total_value");
    if (!total) return std::unexpected(graph::unexpected_shape(what, total.error()));
    if (*total) {
      const auto value = graph::read_int(**total, "value", "total_value.value");
      if (!value) return std::unexpected(graph::unexpected_shape(what, value.error()));
      row["value"] = value->value_or(0);
      rows.push_back(std::move(row));
      continue;
    }
    if (!item.contains("values") || !item["values"].is_array()) {
      return std::unexpected(graph::unexpected_shape(what, "metric " + row["name"].get<std::string>() + " has no values"));
    }
    auto days = nlohmann::json::array();
    int64_t sum = 0;
    for (const auto& point : item["values"]) {
      const auto value = graph::read_int(point, "value", "values[].value");
      if (!value) return std::unexpected(graph::unexpected_shape(what, value.error()));
      sum += value->value_or(0);
      const auto end = graph::read_string(point, "end_time", "values[].end_time");
      if (!end) return std::unexpected(graph::unexpected_shape(what, end.error()));
      days.push_back({{"date", *end ? day_of_end_time(**end) : std::string()}, {"value", value->value_or(0)}});
    }
    if (by_day) {
      row["values"] = days;
    } else {
      row["value"] = sum;
    }
    rows.push_back(std::move(row));
  }
  return rows;
}

core::Result<OpOutput> media_insights(const nlohmann::json& args, OpContext& ctx) {
  const std::string id = args["media_id"].get<std::string>();
  auto media = ctx.graph.get(id, {{"fields", "id,media_type,media_product_type"}});
  if (!media) return std::unexpected(media.error());
  const auto product = graph::read_string(*media, "media_product_type");
  if (!product) return std::unexpected(graph::unexpected_shape(id, product.error()));
  const nlohmann::json metrics = args.contains("metrics") ? args["metrics"] : default_media_metrics(product->value_or("FEED"));
  auto body = ctx.graph.get(id + "/insights", {{"metric", join_metrics(metrics)}});
  if (!body) {
    auto error = body.error();
    if (error.graph && error.graph->code == 100 && error.message.find("within an Instagram Media album") != std::string::npos) {
      // Graph has no subcode for it; only the hint depends on the wording (the refusal reaches the caller either way).
      error.hint = "this media is an item of a carousel, which has no insights of its own (Meta's Instagram Media "
                   "Insights reference, \"Album metrics\"); ask for the album's media_id instead";
    } else if (error.graph && error.graph->code == 100) {
      error.hint = "a " + product->value_or("FEED") + " media has these metrics: " +
                   default_media_metrics(product->value_or("FEED")).dump() +
                   " (and more per Meta's Instagram Media Insights reference); impressions and plays are gone since v22";
    }
    return std::unexpected(error);
  }
  auto rows = read_metric_rows(*body, id + "/insights", false);
  if (!rows) return std::unexpected(rows.error());
  OpOutput out;
  out.data = {{"media_id", id}, {"media_product_type", product->value_or("")}, {"period", "lifetime"},
              {"items", *rows}, {"count", rows->size()}};
  out.table_columns = {"name", "value"};
  out.summary = "Lifetime metrics of " + product->value_or("") + " media " + id + ":";
  return out;
}

core::Result<OpOutput> account_insights(const nlohmann::json& args, OpContext& ctx) {
  auto target = instagram_target(args, ctx);
  if (!target) return std::unexpected(target.error());
  if (!target->ig_user_id) return no_instagram_account(target->page_id);
  auto window = day_window(args);
  if (!window) return std::unexpected(window.error());
  const std::string metric_type = args.value("metric_type", "total_value");
  const nlohmann::json metrics = args.contains("metrics") ? args["metrics"]
                                 : metric_type == "total_value"
                                     ? nlohmann::json{"views", "reach", "accounts_engaged", "total_interactions",
                                                      "follows_and_unfollows"}
                                     : nlohmann::json{"reach", "follower_count"};
  const std::string ig = *target->ig_user_id;
  auto body = ctx.graph.get(ig + "/insights", {{"metric", join_metrics(metrics)},
                                               {"period", "day"},
                                               {"metric_type", metric_type},
                                               {"since", std::to_string(window->since)},
                                               {"until", std::to_string(window->until)}});
  if (!body) return std::unexpected(body.error());
  auto rows = read_metric_rows(*body, ig + "/insights", metric_type == "time_series");
  if (!rows) return std::unexpected(rows.error());
  OpOutput out;
  out.data = {{"ig_user_id", ig}, {"since", window->since_day}, {"until", window->until_day},
              {"metric_type", metric_type}, {"items", *rows}, {"count", rows->size()}};
  if (!target->page_id.empty()) out.data["page_id"] = target->page_id;
  out.table_columns = metric_type == "total_value" ? std::vector<std::string>{"name", "value"}
                                                   : std::vector<std::string>{"name", "values"};
  out.summary = "Instagram account " + ig + ", " + window->since_day + " to " + window->until_day + " (" +
                metric_type + "):";
  return out;
}

core::Result<OpOutput> instagram_insights(const nlohmann::json& args, OpContext& ctx) {
  if (args.contains("media_id")) {
    for (const char* other : {"ig_user_id", "page_id", "client_id", "since", "until", "metric_type"}) {
      if (args.contains(other)) {
        return core::fail(core::ErrorKind::InvalidArgs,
                          std::string("media_id asks for one media's lifetime metrics; ") + other + " does not apply",
                          std::string("leave ") + other + " out, or ask for the account without media_id");
      }
    }
    return media_insights(args, ctx);
  }
  return account_insights(args, ctx);
}

}  // namespace

void register_instagram_insights_op(tool::OpRegistry& registry) {
  registry.add({"instagram_insights", "instagram",
                "Instagram account metrics over days (total or per day), or one media's lifetime metrics",
                tool::Effect::Read, true, instagram_insights, {}});
}

}  // namespace fbmcp::ops
