// validate_targeting: a targeting spec in; out, the spec as Graph takes it (interest names resolved to ids), a
// sentence a person can check ("United States; ages 25–45; women; interests: Hiking or Camping") and Graph's verdict
// with what is wrong. Graph checks the spec through GET /act_<id>/targetingsentencelines, which applies the same
// rules as ad set targeting.
#include "ops/all_ops.hpp"
#include "ops/targeting/targeting_args.hpp"
#include "ops/targeting/targeting_ops.hpp"

namespace fbmcp::ops {
namespace {

using tool::OpContext;
using tool::OpOutput;

core::Result<OpOutput> validate_targeting(const nlohmann::json& args, OpContext& ctx) {
  auto act = tool::normalize_account_id(args["ad_account_id"].get<std::string>());
  if (!act) return std::unexpected(act.error());
  auto resolved = resolve_targeting(args["targeting"], ctx);
  if (!resolved) return std::unexpected(resolved.error());

  OpOutput out;
  out.data = {{"ad_account_id", *act}, {"targeting", resolved->spec}};
  if (!resolved->problems.empty()) {
    out.data["valid"] = false;
    out.data["problems"] = resolved->problems;
    out.summary = "Targeting is not valid: " + resolved->problems[0]["message"].get<std::string>();
    return out;
  }
  ctx.report("checking targeting with " + *act);
  auto lines = ctx.graph.get(*act + "/targetingsentencelines", {{"targeting_spec", resolved->spec}});
  if (!lines) {
    // Graph refusing the spec is the verdict; anything else (auth, rate limit, network) is an error.
    if (lines.error().kind != core::ErrorKind::InvalidArgs) return std::unexpected(lines.error());
    const auto problem = problem_from(lines.error());
    out.data["valid"] = false;
    out.data["problems"] = nlohmann::json::array({problem});
    out.summary = "Targeting is not valid (" + problem.value("field", std::string("targeting")) +
                  "): " + problem["message"].get<std::string>() +
                  " search_targeting finds valid interest ids and location keys.";
    return out;
  }
  const auto sentence = targeting_sentence(*lines);
  out.data["valid"] = true;
  out.data["sentence"] = sentence;
  out.summary = "Targeting is valid: " + sentence + ". Next: estimate_audience with the same targeting.";
  return out;
}

}  // namespace

void register_validate_targeting_op(tool::OpRegistry& registry) {
  registry.add({"validate_targeting", "targeting",
                "Check a targeting spec (interests by name or id): a readable sentence, Meta's verdict, what to fix",
                tool::Effect::Read, true, validate_targeting, {}});
}

}  // namespace fbmcp::ops
