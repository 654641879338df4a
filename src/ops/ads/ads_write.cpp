// Ad writes: create_ad here (its pre-flight reads the ad set, which gives the account); update, status changes,
// bulk updates and copies are the shared ops (ops/common/) over ad_kind().
#include "ops/ads/ad_kind.hpp"
#include "ops/adsets/adset_kind.hpp"
#include "ops/all_ops.hpp"
#include "ops/common/bulk_update.hpp"
#include "ops/common/money_args.hpp"
#include "ops/common/object_copies.hpp"
#include "ops/common/object_create.hpp"
#include "ops/common/object_update.hpp"
#include "ops/common/object_view.hpp"
#include "ops/common/status_change.hpp"
#include "ops/creatives/creative_content.hpp"

namespace fbmcp::ops {
namespace {

using tool::OpContext;

// creative_id names an existing creative; `creative` is an inline creative spec, made by Graph with the ad in the ad
// set's account (Marketing API reference, Ad Account Ads, Creating: `creative` takes "the ID or creative spec").
// Exactly one of the two.
core::Result<nlohmann::json> ad_creative_param(const nlohmann::json& args, OpContext& ctx, const std::string& act_id) {
  if (args.contains("creative_id") == args.contains("creative")) {
    return std::unexpected(invalid_args(
        "give exactly one of creative_id (an existing creative) and creative (a new one made with the ad)",
        R"(e.g. "creative_id": "120213000000000001", or "creative": {"page_id": "104857600000001", "link": "https://…"})",
        args.contains("creative") ? "args.creative" : "args.creative_id"));
  }
  if (args.contains("creative_id")) return ad_kind().graph_param("creative_id", args["creative_id"]).second;
  const auto& spec_args = args["creative"];
  auto content = plan_creative_content(spec_args, ctx, act_id, "args.creative.");
  if (!content) return std::unexpected(content.error());
  nlohmann::json creative = *content;
  creative["name"] = spec_args.value("name", args["name"].get<std::string>() + " – creative");
  return creative;
}

core::Result<PlannedCreate> plan_ad_create(const nlohmann::json& args, OpContext& ctx) {
  const std::string adset_id = args["adset_id"].get<std::string>();
  // Ads are made on the ad account's /ads edge; the account (and the campaign Graph copies onto the ad) come from
  // the ad set. Whether the ad set takes ads and the creative is the account's is Graph's to say (the emulator
  // checks both, fake/rules/ad_rules.cpp).
  PlannedCreate plan;
  if (auto adset = plan_under_parent(ctx, ad_kind(), adset_kind(), adset_id, plan); !adset) {
    return std::unexpected(adset.error());
  }
  auto creative = ad_creative_param(args, ctx, plan.act_id);
  if (!creative) return std::unexpected(creative.error());
  plan.params = graph::Params{{"name", args["name"]},
                              {"adset_id", adset_id},
                              {"creative", *creative},
                              {"status", args.value("status", "PAUSED")}};  // creates default to PAUSED (DESIGN §5)
  if (args.contains("tracking_specs")) plan.params.set("tracking_specs", args["tracking_specs"]);
  match_parent(plan, "adset_id", adset_id);
  return plan;
}

}  // namespace

void register_ad_write_ops(tool::OpRegistry& registry) {
  register_create_op(registry, ad_kind(),
                     "Create an ad in an ad set from an existing creative or a new inline one (PAUSED unless status ACTIVE is "
                     "confirmed)",
                     plan_ad_create);
  register_update_op(registry, ad_kind(),
                     "Change an ad's name, status, creative (creative_id) or tracking specs; activating needs "
                     "confirmation");
  register_status_ops(registry, ad_kind());
  register_duplicate_op(registry, ad_kind(), "Copy an ad (PAUSED, name + suffix), optionally into another ad set");
  register_bulk_update_op(registry, ad_kind());
}

}  // namespace fbmcp::ops
