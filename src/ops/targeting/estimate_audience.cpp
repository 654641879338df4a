// estimate_audience: how many people a targeting spec reaches (GET /act_<id>/reachestimate) and what a day's spend
// buys for an optimization goal (GET /act_<id>/delivery_estimate, daily_outcomes_curve), money in account currency.
#include "graph/json_fields.hpp"
#include "money/money.hpp"
#include "ops/all_ops.hpp"
#include "ops/targeting/targeting_args.hpp"
#include "ops/targeting/targeting_ops.hpp"

namespace fbmcp::ops {
namespace {

using tool::OpContext;
using tool::OpOutput;

int64_t int_at(const nlohmann::json& object, const char* key) {
  const auto value = graph::read_int(object, key);
  return value && *value ? **value : 0;
}

core::Result<OpOutput> estimate_audience(const nlohmann::json& args, OpContext& ctx) {
  auto act = tool::normalize_account_id(args["ad_account_id"].get<std::string>());
  if (!act) return std::unexpected(act.error());
  auto account = ctx.accounts.get(*act);
  if (!account) return std::unexpected(account.error());
  auto resolved = resolve_usable_targeting(args["targeting"], ctx);
  if (!resolved) return std::unexpected(resolved.error());
  const auto goal = args.value("optimization_goal", "REACH");
  ctx.report("estimating the audience in " + *act);
  // Graph blames its own param (targeting_spec); the agent sent `targeting`.
  const auto blame_targeting = [](core::Error error) {
    if (error.path == "targeting_spec") {
      error.path = "targeting";
      error.hint = "fix 'targeting' and call again";
    }
    return std::unexpected(std::move(error));
  };
  auto reach = ctx.graph.get(*act + "/reachestimate", {{"targeting_spec", resolved->spec}});
  if (!reach) return blame_targeting(reach.error());
  auto delivery = ctx.graph.get(*act + "/delivery_estimate",
                                {{"targeting_spec", resolved->spec}, {"optimization_goal", goal}});
  if (!delivery) return blame_targeting(delivery.error());

  const auto reach_data = graph::read_object(*reach, "data");
  if (!reach_data || !*reach_data) return core::fail(core::ErrorKind::GraphApi, "reachestimate answered without data");
  const int64_t lower = int_at(**reach_data, "users_lower_bound");
  const int64_t upper = int_at(**reach_data, "users_upper_bound");

  nlohmann::json daily = nlohmann::json::object();
  auto outcomes = nlohmann::json::array();
  if (delivery->is_object() && delivery->contains("data") && (*delivery)["data"].is_array() &&
      !(*delivery)["data"].empty() && (*delivery)["data"][0].is_object()) {
    const auto& estimate = (*delivery)["data"][0];
    daily = {{"estimate_dau", int_at(estimate, "estimate_dau")},
             {"estimate_mau_lower_bound", int_at(estimate, "estimate_mau_lower_bound")},
             {"estimate_mau_upper_bound", int_at(estimate, "estimate_mau_upper_bound")}};
    if (estimate.contains("daily_outcomes_curve") && estimate["daily_outcomes_curve"].is_array()) {
      for (const auto& point : estimate["daily_outcomes_curve"]) {
        if (!point.is_object() || int_at(point, "spend") <= 0) continue;
        outcomes.push_back({{"daily_spend", money::money_view(std::to_string(int_at(point, "spend")), account->currency)},
                            {"reach", int_at(point, "reach")},
                            {"impressions", int_at(point, "impressions")},
                            {"results", int_at(point, "actions")}});
      }
    }
  }
  OpOutput out;
  out.data = {{"ad_account_id", *act},
              {"currency", account->currency},
              {"optimization_goal", goal},
              {"targeting", resolved->spec},
              {"audience", {{"users_lower_bound", lower}, {"users_upper_bound", upper}}},
              {"daily", daily},
              {"items", outcomes},
              {"count", outcomes.size()}};
  out.summary = "About " + people_count(lower) + "–" + people_count(upper) + " people match; daily results for " +
                goal + " by spend (" + account->currency + "):";
  out.table_columns = {"daily_spend", "reach", "impressions", "results"};
  return out;
}

}  // namespace

void register_estimate_audience_op(tool::OpRegistry& registry) {
  registry.add({"estimate_audience", "targeting",
                "Audience size of a targeting spec and the daily reach/results a budget buys for an optimization goal",
                tool::Effect::Read, true, estimate_audience, {}});
}

}  // namespace fbmcp::ops
