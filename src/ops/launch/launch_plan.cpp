#include "ops/launch/launch_plan.hpp"

#include "media/image_hash.hpp"
#include "ops/adsets/adset_kind.hpp"
#include "ops/adsets/adset_plan.hpp"
#include "ops/ads/ad_kind.hpp"
#include "ops/campaigns/campaign_kind.hpp"
#include "ops/campaigns/campaign_plan.hpp"
#include "ops/common/money_args.hpp"
#include "ops/common/object_view.hpp"
#include "ops/creatives/creative_content.hpp"
#include "ops/creatives/creative_kind.hpp"
#include "ops/images/image_source.hpp"

namespace fbmcp::ops {
namespace {

using tool::OpContext;

// A part's args as its own create op takes them: its object from the call, a default name, PAUSED.
nlohmann::json part_args(const nlohmann::json& args, const std::string& part, const std::string& name_suffix) {
  nlohmann::json out = args.value(part, nlohmann::json::object());
  if (!out.contains("name")) out["name"] = args["name"].get<std::string>() + name_suffix;
  out["status"] = "PAUSED";  // launch_ad makes everything PAUSED; resuming asks for confirmation (DESIGN §5)
  return out;
}

template <typename T>
core::Result<T> for_step(core::Result<T> result, const std::string& step) {
  if (!result) return std::unexpected(under_step(std::move(result.error()), step));
  return result;
}

LaunchStep step_of(const std::string& name, const ObjectKind& kind, const std::string& edge, graph::Params params,
                   std::vector<std::string> needs) {
  LaunchStep step;
  step.name = name;
  step.kind = &kind;
  step.request = graph::GraphRequest{"POST", edge, std::move(params)};
  step.request.batch_name = name;
  step.needs = std::move(needs);
  return step;
}

// The campaign as the ad set's pre-flight needs to see it before it exists: where the budget sits and the bid
// strategy, as Graph would return them (minor units as strings).
ObjectSnapshot campaign_to_be(const PlannedCreate& campaign, const nlohmann::json& campaign_args) {
  ObjectSnapshot snapshot;
  snapshot.act_id = campaign.act_id;
  snapshot.currency = campaign.account.currency;
  snapshot.object = {{"id", "(new)"}, {"name", campaign_args["name"]}};
  snapshot.raw = {{"id", "(new)"}, {"name", campaign_args["name"]}, {"objective", campaign_args["objective"]}};
  for (const char* field : {"daily_budget", "lifetime_budget"}) {
    if (campaign.money.contains(field)) snapshot.raw[field] = std::to_string(campaign.money[field].get<int64_t>());
  }
  if (campaign_args.contains("bid_strategy")) snapshot.raw["bid_strategy"] = campaign_args["bid_strategy"];
  return snapshot;
}

core::Result<std::optional<LaunchImage>> read_launch_image(const nlohmann::json& args) {
  if (!args.contains("image")) return std::nullopt;
  auto upload = for_step(read_image_source(args["image"]), "image");
  if (!upload) return std::unexpected(upload.error());
  LaunchImage image;
  image.hash = media::image_hash(upload->bytes);
  image.shown = {{"hash", image.hash},
                 {"type", std::string(media::type_name(upload->info.type))},
                 {"width", upload->info.width},
                 {"height", upload->info.height},
                 {"size_bytes", upload->bytes.size()},
                 {"source", upload->source}};
  image.bytes = std::move(upload->bytes);
  return image;
}

// The creative's args, with the uploaded image's hash where the story shows an image and names none.
core::Result<nlohmann::json> creative_args_with(const nlohmann::json& args, const std::optional<LaunchImage>& image) {
  nlohmann::json creative = part_args(args, "creative", " – creative");
  creative.erase("status");  // creatives have no delivery status to set
  if (!image) return creative;
  if (creative.contains("image_hash") || creative.contains("cards") || creative.contains("object_story_id")) {
    return std::unexpected(invalid_args(
        "the uploaded image has no place in this creative: it names its own image (image_hash), its cards carry "
        "theirs, or it promotes an existing post",
        "leave out `image`, or leave out creative.image_hash and let the uploaded image be the creative's",
        "args.image"));
  }
  creative["image_hash"] = image->hash;
  return creative;
}

}  // namespace

std::string launch_reference(const std::string& step) { return "{result=" + step + ":$.id}"; }

core::Error under_step(core::Error error, const std::string& step) {
  const std::string from = "args.";
  const std::string to = "args." + step + ".";
  auto rebase = [&](std::string& text) {
    for (size_t at = text.find(from); at != std::string::npos; at = text.find(from, at + to.size())) {
      if (text.compare(at, to.size(), to) == 0) continue;
      text.replace(at, from.size(), to);
    }
  };
  if (!error.path.empty() && error.path.rfind(from, 0) != 0) error.path = from + error.path;  // "file_path"
  rebase(error.path);
  rebase(error.message);
  rebase(error.hint);
  return error;
}

// The campaign the ad set goes in: a new one (create_campaign's own pre-flight: account, budget, spend limits), or
// an existing one of the account (campaign_id), read as create_adset reads it.
struct LaunchCampaign {
  std::optional<PlannedCreate> made;  // the campaign step, when a new campaign is made
  ObjectSnapshot snapshot;            // what the ad set's pre-flight sees
  std::string reference;              // what the ad set's campaign_id is: a batch reference or the existing id
};

core::Result<LaunchCampaign> plan_launch_campaign(const nlohmann::json& args, OpContext& ctx) {
  if (args.contains("campaign") == args.contains("campaign_id")) {
    return std::unexpected(invalid_args(
        "give exactly one of campaign (a new campaign, made with the rest) and campaign_id (an existing one)",
        R"(e.g. "campaign": {"objective": "OUTCOME_TRAFFIC", "special_ad_categories": [], "daily_budget": {"amount": "30.00"}}, or "campaign_id": "120210000000000001")",
        args.contains("campaign_id") ? "args.campaign_id" : "args.campaign"));
  }
  LaunchCampaign out;
  if (args.contains("campaign_id")) {
    const std::string id = args["campaign_id"].get<std::string>();
    auto existing = fetch_object(ctx, campaign_kind(), id);
    if (!existing) return std::unexpected(existing.error());
    auto act = tool::normalize_account_id(args["ad_account_id"].get<std::string>());
    if (!act) return std::unexpected(act.error());
    if (existing->act_id != *act) {
      return std::unexpected(invalid_args("campaign " + id + " is in " + existing->act_id + ", not " + *act,
                                          "use ad_account_id " + existing->act_id + ", or a campaign of " + *act +
                                              " (list_campaigns shows them)",
                                          "args.campaign_id"));
    }
    out.snapshot = std::move(*existing);
    out.reference = id;
    return out;
  }
  nlohmann::json campaign_args = part_args(args, "campaign", "");
  campaign_args["ad_account_id"] = args["ad_account_id"];
  auto campaign = for_step(plan_campaign_create(campaign_args, ctx), "campaign");
  if (!campaign) return std::unexpected(campaign.error());
  out.snapshot = campaign_to_be(*campaign, campaign_args);
  out.reference = launch_reference("campaign");
  out.made = std::move(*campaign);
  return out;
}

core::Result<LaunchPlan> plan_launch(const nlohmann::json& args, OpContext& ctx) {
  LaunchPlan plan;
  auto campaign = plan_launch_campaign(args, ctx);
  if (!campaign) return std::unexpected(campaign.error());
  plan.act_id = campaign->snapshot.act_id;
  auto account = ctx.accounts.get(plan.act_id);
  if (!account) return std::unexpected(account.error());
  plan.account = *account;

  // Ad set: create_adset's pre-flight against the campaign (as it is, or as it is about to be made).
  nlohmann::json adset_args = part_args(args, "adset", " – ad set");
  adset_args["campaign_id"] = campaign->reference;
  PlannedCreate adset_base;
  adset_base.act_id = plan.act_id;
  adset_base.account = plan.account;
  adset_base.edge = plan.act_id + "/" + adset_kind().edge;
  auto adset = for_step(plan_adset_in_campaign(adset_args, ctx, campaign->snapshot, std::move(adset_base)), "adset");
  if (!adset) return std::unexpected(adset.error());

  // Image, then creative: the creative's checks (page, Instagram account, images) as create_creative makes them;
  // the image to upload is not in the account yet, so it is not looked for there.
  auto image = read_launch_image(args);
  if (!image) return std::unexpected(image.error());
  plan.image = std::move(*image);
  auto creative_args = creative_args_with(args, plan.image);
  if (!creative_args) return std::unexpected(creative_args.error());
  std::vector<std::string> arriving;
  if (plan.image) arriving.push_back(plan.image->hash);
  auto content = plan_creative_content(*creative_args, ctx, plan.act_id, "args.creative.", arriving);
  if (!content) return std::unexpected(content.error());
  graph::Params creative_params{{"name", (*creative_args)["name"]}};
  for (const auto& [field, value] : content->items()) creative_params.set(field, value);

  // Ad: in the new ad set, showing the new creative (POST /act_<id>/ads, creative={"creative_id": …}).
  nlohmann::json ad_args = part_args(args, "ad", " – ad");
  graph::Params ad_params{{"name", ad_args["name"]},
                          {"adset_id", launch_reference("adset")},
                          {"creative", nlohmann::json{{"creative_id", launch_reference("creative")}}},
                          {"status", "PAUSED"}};
  if (ad_args.contains("tracking_specs")) ad_params.set("tracking_specs", ad_args["tracking_specs"]);

  if (campaign->made) {
    plan.warnings = campaign->made->warnings;
    plan.steps.push_back(step_of("campaign", campaign_kind(), campaign->made->edge, campaign->made->params, {}));
  } else {
    plan.existing_campaign_id = campaign->reference;
  }
  plan.warnings.insert(plan.warnings.end(), adset->warnings.begin(), adset->warnings.end());
  plan.steps.push_back(step_of("adset", adset_kind(), adset->edge, adset->params,
                               campaign->made ? std::vector<std::string>{"campaign"} : std::vector<std::string>{}));
  plan.steps.push_back(
      step_of("creative", creative_kind(), plan.act_id + "/" + creative_kind().edge, creative_params, {}));
  plan.steps.push_back(step_of("ad", ad_kind(), plan.act_id + "/" + ad_kind().edge, ad_params, {"adset", "creative"}));
  return plan;
}

}  // namespace fbmcp::ops
