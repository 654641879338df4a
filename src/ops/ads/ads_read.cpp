// Ad reads: list_ads (of an ad set, a campaign or an account), get_ad.
#include "ops/ads/ad_kind.hpp"
#include "ops/adsets/adset_kind.hpp"
#include "ops/all_ops.hpp"
#include "ops/campaigns/campaign_kind.hpp"
#include "ops/common/money_args.hpp"
#include "ops/common/object_reads.hpp"
#include "ops/common/object_view.hpp"

namespace fbmcp::ops {
namespace {

using tool::OpContext;

core::Result<ListScope> ad_list_scope(const nlohmann::json& args, OpContext& ctx) {
  const int given = int(args.contains("adset_id")) + int(args.contains("campaign_id")) + int(args.contains("ad_account_id"));
  if (given != 1) {
    return std::unexpected(invalid_args("give adset_id, campaign_id or ad_account_id (exactly one)",
                                        R"(e.g. {"adset_id": "120211000000000001"} for one ad set's ads, )"
                                        R"({"campaign_id": "120210000000000001"} for a campaign's, or )"
                                        R"({"ad_account_id": "act_1029384756102938"} for all of an account's)",
                                        "args.adset_id"));
  }
  if (args.contains("adset_id")) return parent_scope(ctx, adset_kind(), args["adset_id"].get<std::string>(), "ads");
  if (args.contains("campaign_id")) return parent_scope(ctx, campaign_kind(), args["campaign_id"].get<std::string>(), "ads");
  return account_scope(ctx, ad_kind(), args["ad_account_id"]);
}

}  // namespace

void register_ad_read_ops(tool::OpRegistry& registry) {
  register_read_ops(registry, ad_kind(),
                    "List an ad set's, a campaign's or an account's ads; filter by configured/effective status, name; "
                    "cursor paging",
                    "One ad with its status, review state, creative and tracking specs", ad_list_scope);
}

}  // namespace fbmcp::ops
