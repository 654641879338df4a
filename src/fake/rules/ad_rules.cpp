#include "fake/rules/ad_rules.hpp"

#include "core/json_read.hpp"

#include <algorithm>
#include "fake/rules/creative_rules.hpp"
#include "fake/rules/edit_rules.hpp"
#include "fake/status_rules.hpp"

namespace fbmcp::fake {
namespace {

// The creative an ad shows: creative={"creative_id":"<id>"} names an existing one (PSDK examples/AdAccountAdsPost.py;
// graph-api-facts.md §2), or an inline creative spec {"name": …, "object_story_spec": …} (or object_story_id) makes
// a new creative in the ad's account ("The ID or creative spec of the ad creative to be used by this ad", Marketing
// API reference, Ad Account Ads, Creating: `creative`). A new one is built (and checked) like POST /adcreatives and
// stored only when the ad is. Read back as the AdCreative node {"id": …}, as Graph returns Ad.creative.
struct AdCreativeChoice {
  std::string existing_id;
  std::optional<nlohmann::json> inline_creative;  // built, not yet stored
};

std::expected<AdCreativeChoice, GraphError> read_creative(WriteContext& ctx, const ParamMap& params,
                                                          const std::string& account_id) {
  const auto creative = json_param(params, "creative");
  if (!creative) return std::unexpected(missing_param("creative"));
  const bool is_spec = creative->is_object() && (creative->contains("object_story_spec") ||
                                                 creative->contains("object_story_id"));
  if (is_spec) {
    const Node* account = ctx.store.find("act_" + account_id);
    if (!account) return std::unexpected(missing_param("creative"));
    ParamMap creative_params;
    for (const auto& [key, value] : creative->items()) {
      creative_params[key] = value.is_string() ? value.get<std::string>() : value.dump();
    }
    if (!creative_params.count("name")) creative_params["name"] = param(params, "name").value_or("");
    if (is_validate_only(params)) creative_params["execution_options"] = R"(["validate_only"])";
    auto built = build_creative(ctx, *account, creative_params);
    if (!built) return std::unexpected(built.error());
    return AdCreativeChoice{{}, std::move(*built)};
  }
  const std::string id = creative->is_object() ? core::string_or_empty(*creative, "creative_id") : std::string();
  if (id.empty()) {
    return std::unexpected(invalid_param("creative", "", "Invalid creative",
                                         "creative must be a JSON object naming an ad creative, e.g. "
                                         "{\"creative_id\":\"<CREATIVE_ID>\"}, or a creative spec "
                                         "{\"name\":\"<NAME>\",\"object_story_spec\":<SPEC>}."));
  }
  const Node* node = ctx.store.find(id);
  if (!node || node->type != "adcreative" || core::string_or_empty(node->data, "account_id") != account_id ||
      core::string_or_empty(node->data, "status") == "DELETED") {
    return std::unexpected(invalid_param("creative", "", "Creative not found",
                                         "creative_id " + id + " is not an ad creative of ad account act_" +
                                             account_id + "; list creatives with GET /act_" + account_id +
                                             "/adcreatives."));
  }
  return AdCreativeChoice{id, std::nullopt};
}

// Reads the params both create and update take into `ad`: name, status, creative, tracking_specs. An inline
// creative is stored last, once nothing else can be refused (and never on a dry run).
std::optional<GraphError> read_ad_params(WriteContext& ctx, const ParamMap& params, nlohmann::json& ad) {
  if (auto e = read_name_and_status(ctx, params, "ad", ad)) return e;
  std::optional<AdCreativeChoice> choice;
  if (params.count("creative")) {
    auto creative = read_creative(ctx, params, core::string_or_empty(ad, "account_id"));
    if (!creative) return creative.error();
    choice = std::move(*creative);
  }
  if (auto specs = json_param(params, "tracking_specs")) {
    // Ad.tracking_specs is list<ConversionActionQuery> (PSDK adobjects/ad.py _field_types).
    if (!specs->is_array() || !std::all_of(specs->begin(), specs->end(), [](const auto& s) { return s.is_object(); })) {
      return invalid_param("tracking_specs", "", "Invalid tracking specs",
                           "tracking_specs must be a list of objects, e.g. "
                           "[{\"action.type\":[\"offsite_conversion\"],\"fb_pixel\":[\"<PIXEL_ID>\"]}].");
    }
    ad["tracking_specs"] = *specs;
  }
  if (choice) {
    std::string creative_id = choice->existing_id;
    if (choice->inline_creative && !is_validate_only(params)) {
      creative_id = ctx.store.allocate_id();
      (*choice->inline_creative)["id"] = creative_id;
      ctx.store.insert("adcreative", std::move(*choice->inline_creative));
    }
    // Meta reviews an ad again when what it shows changes.
    if (core::string_or_empty(ad.value("creative", nlohmann::json::object()), "id") != creative_id) begin_review(ad);
    ad["creative"] = {{"id", creative_id}};
  }
  return std::nullopt;
}

}  // namespace

std::expected<const Node*, GraphError> adset_for_ad(const WriteContext& ctx, const std::string& adset_id,
                                                    const std::string& account_id) {
  const Node* adset = ctx.store.find(adset_id);
  if (!adset || adset->type != "adset" || core::string_or_empty(adset->data, "account_id") != account_id) {
    return std::unexpected(invalid_param("adset_id", "", "Ad set not found",
                                         "adset_id " + adset_id + " is not an ad set of ad account act_" + account_id +
                                             "; list ad sets with GET /act_" + account_id + "/adsets."));
  }
  const auto status = core::string_or_empty(adset->data, "status");
  if (status == "DELETED" || status == "ARCHIVED") {
    return std::unexpected(invalid_param("adset_id", "", "Ad set can't take ads",
                                         "adset_id " + adset_id + " is " + status +
                                             "; ads can only be added to an active or paused ad set."));
  }
  return adset;
}

WriteResult build_ad(WriteContext& ctx, const Node& account, const ParamMap& params) {
  const auto name = param(params, "name");
  if (!name || name->empty()) return std::unexpected(missing_param("name"));
  const auto adset_id = param(params, "adset_id");
  if (!adset_id) return std::unexpected(missing_param("adset_id"));
  const auto account_id = core::string_or_empty(account.data, "account_id");
  auto adset = adset_for_ad(ctx, *adset_id, account_id);
  if (!adset) return std::unexpected(adset.error());
  if (!params.count("creative")) return std::unexpected(missing_param("creative"));
  // "Only ACTIVE and PAUSED are valid during creation" (Meta's campaign create reference, FBD/marketing-api/reference/
  // ad-campaign-group#Creating; applied to ads too, not verified on the ad page). ACTIVE when left out, as campaigns
  // and ad sets are here.
  const auto status = param(params, "status").value_or("ACTIVE");
  if (status != "ACTIVE" && status != "PAUSED") {
    if (auto e = check_enum(ctx, "ad.status", "status", status)) return std::unexpected(*e);
    return std::unexpected(invalid_param("status", "", "Invalid status at creation",
                                         "A new ad's status must be ACTIVE or PAUSED, not " + status + "."));
  }
  // The ad belongs to its ad set's campaign: Graph fills campaign_id in from the ad set.
  nlohmann::json ad = {{"id", ""},
                       {"account_id", account_id},
                       {"adset_id", *adset_id},
                       {"campaign_id", core::string_or_empty((*adset)->data, "campaign_id")},
                       {"status", status},
                       {"configured_status", status}};
  if (auto e = read_ad_params(ctx, params, ad)) return std::unexpected(*e);
  stamp_created(ad, ctx.now);
  begin_review(ad);
  return ad;
}

WriteResult apply_ad_update(WriteContext& ctx, const Node& ad, const ParamMap& params) {
  nlohmann::json a = ad.data;
  if (auto e = check_editable(a, "ad", params)) return std::unexpected(*e);
  if (auto e = check_parent_kept(a, params, "adset_id", "ad", "ad set")) return std::unexpected(*e);
  if (auto e = read_ad_params(ctx, params, a)) return std::unexpected(*e);
  a["updated_time"] = ctx.now;
  return a;
}

}  // namespace fbmcp::fake
