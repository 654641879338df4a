// Campaign reads: list_campaigns, get_campaign.
#include "ops/all_ops.hpp"
#include "ops/campaigns/campaign_kind.hpp"
#include "ops/common/object_reads.hpp"

namespace fbmcp::ops {
namespace {

using tool::OpContext;
using tool::OpOutput;

core::Result<OpOutput> list_campaigns(const nlohmann::json& args, OpContext& ctx) {
  auto act = tool::normalize_account_id(args["ad_account_id"].get<std::string>());
  if (!act) return std::unexpected(act.error());
  auto account = ctx.accounts.get(*act);
  if (!account) return std::unexpected(account.error());
  const ListScope scope{*act + "/campaigns", *act, account->name + " (" + *act + ", " + account->currency + ")",
                        {{"ad_account_id", *act}}, {"account_id"}};
  return list_objects(ctx, campaign_kind(), scope, args, {"objective"});
}

}  // namespace

void register_campaign_read_ops(tool::OpRegistry& registry) {
  registry.add({"list_campaigns", "campaigns",
                "List an account's campaigns; filter by configured/effective status, objective, name; cursor paging",
                tool::Effect::Read, true, list_campaigns, {}});
  registry.add({"get_campaign", "campaigns", "One campaign with budgets in account currency", tool::Effect::Read,
                true, [](const nlohmann::json& a, OpContext& c) { return get_object(c, campaign_kind(), a); }, {}});
}

}  // namespace fbmcp::ops
