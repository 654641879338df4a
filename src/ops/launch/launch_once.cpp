#include "ops/launch/launch_once.hpp"

#include <ctime>

#include "core/json_read.hpp"
#include "graph/json_fields.hpp"
#include "ops/common/idempotent_create.hpp"
#include "store/idempotency_store.hpp"

namespace fbmcp::ops {
namespace {

// The first child on `edge` of `parent` (its id and, when asked, another field), or nullopt.
core::Result<std::optional<nlohmann::json>> first_child(tool::OpContext& ctx, const std::string& parent,
                                                        const std::string& edge, const std::string& fields) {
  auto page = ctx.graph.list(parent + "/" + edge, graph::Params{{"fields", fields}}, 1);
  if (!page) return std::unexpected(page.error());
  if (page->items.empty()) return std::nullopt;
  return page->items.front();
}

}  // namespace

LaunchOnce::LaunchOnce(tool::OpContext& ctx, const nlohmann::json& args) : ctx_(ctx) {
  explicit_key_ = args.contains("idempotency_key");
  key_ = explicit_key_ ? "key:" + args["idempotency_key"].get<std::string>() : store::derive_key("launch_ad", args);
}

core::Result<std::optional<nlohmann::json>> LaunchOnce::earlier() {
  if (!ctx_.idempotency) return std::nullopt;
  const auto record = ctx_.idempotency->find(key_, explicit_key_ ? kExplicitKeyLifetime : kDerivedKeyLifetime);
  if (!record || record->state != "done") return std::nullopt;
  // The ad set stands for the launch: it is made whether the campaign is new or an existing one.
  const std::string adset_id = record->object_id;
  auto adset = ctx_.graph.get(adset_id, {{"fields", "id,status,campaign_id"}});
  if (!adset) {
    if (adset.error().kind == core::ErrorKind::NotFound) return std::nullopt;
    return std::unexpected(adset.error());
  }
  const auto status = graph::read_string(*adset, "status");
  if (status && *status && **status == "DELETED") return std::nullopt;  // deleted since: launch afresh
  nlohmann::json ids = {{"campaign_id", core::string_or_empty(*adset, "campaign_id")}, {"adset_id", adset_id}};
  auto ad = first_child(ctx_, adset_id, "ads", "id,creative");
  if (!ad) return std::unexpected(ad.error());
  if (*ad) {
    ids["ad_id"] = core::string_or_empty(**ad, "id");
    const auto creative = (*ad)->value("creative", nlohmann::json::object());
    if (creative.is_object()) ids["creative_id"] = core::string_or_empty(creative, "id");
  }
  return ids;
}

void LaunchOnce::started() {
  if (ctx_.idempotency) ctx_.idempotency->begin(key_, "launch_ad", std::time(nullptr));
}

void LaunchOnce::made(const std::string& adset_id) {
  if (ctx_.idempotency) ctx_.idempotency->complete(key_, adset_id, std::time(nullptr));
}

void LaunchOnce::failed() {
  if (ctx_.idempotency) ctx_.idempotency->forget(key_);
}

}  // namespace fbmcp::ops
