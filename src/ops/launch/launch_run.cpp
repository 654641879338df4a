#include "ops/launch/launch_run.hpp"

#include <algorithm>
#include <ctime>
#include <map>
#include <set>

#include "graph/json_fields.hpp"
#include "graph/response_decoding.hpp"
#include "ops/common/idempotent_create.hpp"
#include "ops/common/object_view.hpp"

namespace fbmcp::ops {
namespace {

bool failed_step(const std::vector<StepOutcome>& outcomes, const std::string& name) {
  return std::any_of(outcomes.begin(), outcomes.end(), [&](const StepOutcome& o) {
    return o.step == name && o.outcome != "made";
  });
}

// The id a create answered ({"id": "…"}), or an error when the answer holds none.
core::Result<std::string> made_id(const core::Result<nlohmann::json>& answer, const LaunchStep& step) {
  if (!answer) return std::unexpected(answer.error());
  const auto id = graph::read_string(*answer, "id");
  if (!id || !*id || (*id)->empty()) {
    return core::fail(core::ErrorKind::GraphApi, "Graph answered the " + step.kind->noun + " step without an id",
                      "list_" + step.kind->op_noun + "s shows whether it was made");
  }
  return **id;
}

// How a step's object is looked for by name when Graph's answer is lost (ops/common/idempotent_create.hpp).
CreateRequest lookup_of(const LaunchStep& step) {
  const std::string* name = step.request.params.find("name");
  CreateRequest request{"launch_ad", step.request.path, step.request.params, name ? *name : std::string(), {}, {}};
  request.has_created_time = step.kind->has_created_time;
  return request;
}

// A step whose answer was lost: found by name → made (and rolled back with the rest when the launch fails); not
// there → not made; the look-up failing too → unknown, with how to check.
void reconcile_lost(tool::OpContext& ctx, const LaunchStep& step, int64_t started_at,
                    const std::optional<std::set<std::string>>& existed_before, const core::Error& lost,
                    StepOutcome& outcome) {
  const auto request = lookup_of(step);
  const std::string& name = request.name;
  // Without created_time and without the ids from before, an older namesake could be claimed (and deleted by the
  // rollback): then the outcome stays unknown.
  core::Result<std::optional<std::string>> found = core::fail(core::ErrorKind::Internal, "no baseline");
  if (request.has_created_time || existed_before) {
    found = find_created(ctx, request, started_at, existed_before.value_or(std::set<std::string>{}));
  }
  if (found && *found) {
    outcome.outcome = "made";
    outcome.id = **found;
    outcome.note = "Meta's answer was lost; found by its name";
    return;
  }
  outcome.error = lost;
  if (found) {
    outcome.outcome = "not_made";
    outcome.note = "Meta's answer was lost; no " + step.kind->noun + " '" + name + "' was made";
  } else {
    outcome.outcome = "unknown";
    outcome.note = "Meta's answer was lost and the look-up failed: list_" + step.kind->op_noun + "s shows whether '" +
                   name + "' was made; delete_" + step.kind->op_noun + " removes it";
  }
}

// Deletes what was made, newest first (an ad before its ad set and creative, an ad set before its campaign), in one
// batch: DELETE may be re-sent, so the batch may be retried.
void roll_back(const LaunchPlan& plan, std::vector<StepOutcome>& outcomes, tool::OpContext& ctx) {
  std::vector<size_t> made;
  for (size_t i = outcomes.size(); i-- > 0;) {
    if (outcomes[i].outcome == "made") made.push_back(i);
  }
  if (made.empty()) return;
  ctx.report("a step failed: deleting the " + std::to_string(made.size()) + " object(s) already made");
  std::vector<graph::GraphRequest> deletes;
  for (size_t i : made) deletes.push_back(graph::GraphRequest{"DELETE", outcomes[i].id, {}});
  auto answers = ctx.graph.batch(deletes, true);
  for (size_t k = 0; k < made.size(); ++k) {
    auto& outcome = outcomes[made[k]];
    const auto& kind = *plan.steps[made[k]].kind;
    const bool deleted = answers[k] && graph::expect_success(*answers[k], outcome.id).has_value();
    if (deleted) {
      outcome.outcome = "deleted";
      outcome.note = "made, then deleted because another step failed";
    } else {
      outcome.outcome = "left";
      outcome.note = "made, and deleting it failed (" + (answers[k] ? std::string("Graph did not confirm") : answers[k].error().message) +
                     "): it is PAUSED; delete_" + kind.op_noun + " {\"" + kind.id_arg + "\": \"" + outcome.id +
                     "\"} removes it";
    }
  }
}

}  // namespace

LaunchRun run_launch(const LaunchPlan& plan, tool::OpContext& ctx) {
  std::vector<graph::GraphRequest> requests;
  for (const auto& step : plan.steps) requests.push_back(step.request);
  ctx.report("making campaign, ad set, creative and ad in one batch request");
  const int64_t started_at = std::time(nullptr);
  // Objects without created_time (creatives) are told apart from older namesakes by the ids named so before.
  std::map<std::string, std::optional<std::set<std::string>>> existed_before;
  for (const auto& step : plan.steps) {
    if (step.kind->has_created_time) continue;
    auto named = ids_named(ctx, lookup_of(step));
    existed_before[step.name] = named ? std::optional(std::move(*named)) : std::nullopt;
  }
  // A create must not be re-sent on its own (DESIGN §4): the batch is not idempotent.
  auto answers = ctx.graph.batch(requests, false);

  LaunchRun run;
  for (size_t i = 0; i < plan.steps.size(); ++i) {
    const auto& step = plan.steps[i];
    StepOutcome outcome{step.name, "made", {}, std::nullopt, {}};
    auto id = made_id(answers[i], step);
    const auto blocked = std::find_if(step.needs.begin(), step.needs.end(),
                                      [&](const std::string& need) { return failed_step(run.steps, need); });
    if (id) {
      outcome.id = *id;
    } else if (outcome_unknown(id.error())) {
      // The answer was lost: Meta may have made it. Look for it by its name before deciding.
      const auto baseline = existed_before.find(step.name);
      reconcile_lost(ctx, step, started_at,
                     baseline == existed_before.end() ? std::nullopt : baseline->second, id.error(), outcome);
      if (outcome.outcome != "made" && !run.cause) run.cause = outcome.error;
    } else if (blocked != step.needs.end()) {
      // Graph cannot make a step whose reference names a failed step; its own error only echoes that.
      outcome.outcome = "not_made";
      outcome.note = "not made: it needs the " + *blocked + " step, which failed";
    } else {
      outcome.outcome = "failed";
      auto error = in_arg_terms(*step.kind, core::Result<void>(std::unexpected(id.error()))).error();
      if (error.path.rfind("args.", 0) != 0 && !error.path.empty()) error.path = "args." + error.path;
      outcome.error = under_step(std::move(error), step.name);
      if (!run.cause) run.cause = outcome.error;
    }
    run.steps.push_back(std::move(outcome));
  }
  run.complete = !run.cause && std::all_of(run.steps.begin(), run.steps.end(),
                                           [](const StepOutcome& o) { return o.outcome == "made"; });
  if (!run.complete) roll_back(plan, run.steps, ctx);
  return run;
}

nlohmann::json outcome_json(const StepOutcome& outcome) {
  nlohmann::json out = {{"step", outcome.step}, {"outcome", outcome.outcome}};
  if (!outcome.id.empty()) out["id"] = outcome.id;
  if (outcome.error) out["error"] = core::to_json(*outcome.error);
  if (!outcome.note.empty()) out["note"] = outcome.note;
  return out;
}

}  // namespace fbmcp::ops
