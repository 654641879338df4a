// create_creative: its pre-flight (ops/creatives/creative_content.hpp) checks the page and the images before Graph
// is asked. Creatives are immutable on Meta (graph-api-facts.md §2), so there is no update op.
#include "ops/all_ops.hpp"
#include "ops/common/object_create.hpp"
#include "ops/creatives/creative_kind.hpp"
#include "ops/creatives/creative_content.hpp"

namespace fbmcp::ops {
namespace {

using tool::OpContext;

core::Result<PlannedCreate> plan_creative_create(const nlohmann::json& args, OpContext& ctx) {
  auto act = tool::normalize_account_id(args["ad_account_id"].get<std::string>());
  if (!act) return std::unexpected(act.error());
  auto account = ctx.accounts.get(*act);
  if (!account) return std::unexpected(account.error());
  PlannedCreate plan;
  plan.act_id = *act;
  plan.account = *account;
  plan.edge = *act + "/" + creative_kind().edge;
  plan.where = "in " + *act;
  plan.params = graph::Params{{"name", args["name"]}};
  auto content = plan_creative_content(args, ctx, *act, "args.");
  if (!content) return std::unexpected(content.error());
  for (const auto& [field, value] : content->items()) plan.params.set(field, value);
  // A creative with the same name in the account is ours only if it tells the same story.
  const nlohmann::json story_id = args.value("object_story_id", nlohmann::json());
  plan.same_object = [story_id](const nlohmann::json& candidate) {
    return story_id.is_null() || candidate.value("object_story_id", nlohmann::json()) == story_id;
  };
  plan.match_fields = {"object_story_id"};
  return plan;
}

}  // namespace

void register_creative_write_ops(tool::OpRegistry& registry) {
  register_create_op(registry, creative_kind(),
                     "Create an ad creative: a link, video or carousel story for a page, or an existing page post",
                     plan_creative_create);
}

}  // namespace fbmcp::ops
