// Ad-set reads: list_adsets (of a campaign or of an account), get_adset.
#include "ops/adsets/adset_kind.hpp"
#include "ops/all_ops.hpp"
#include "ops/campaigns/campaign_kind.hpp"
#include "ops/common/money_args.hpp"
#include "ops/common/object_reads.hpp"
#include "ops/common/object_view.hpp"

namespace fbmcp::ops {
namespace {

using tool::OpContext;

core::Result<ListScope> adset_list_scope(const nlohmann::json& args, OpContext& ctx) {
  if (args.contains("campaign_id") == args.contains("ad_account_id")) {
    return std::unexpected(invalid_args("give campaign_id or ad_account_id (exactly one)",
                                        R"(e.g. {"campaign_id": "120210000000000001"} for one campaign's ad sets, or )"
                                        R"({"ad_account_id": "act_1029384756102938"} for all of an account's)",
                                        "args.campaign_id"));
  }
  if (args.contains("campaign_id")) {
    return parent_scope(ctx, campaign_kind(), args["campaign_id"].get<std::string>(), "adsets");
  }
  return account_scope(ctx, adset_kind(), args["ad_account_id"]);
}

}  // namespace

void register_adset_read_ops(tool::OpRegistry& registry) {
  register_read_ops(registry, adset_kind(),
                    "List a campaign's or an account's ad sets; filter by configured/effective status, name; cursor paging",
                    "One ad set with its targeting, budget and bid in account currency", adset_list_scope);
}

}  // namespace fbmcp::ops
