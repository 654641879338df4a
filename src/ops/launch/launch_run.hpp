// Sending launch_ad's steps as one Graph batch and, when a step fails, deleting what the others made, so the call
// ends with the whole ad made or nothing left that is not named.
#pragma once
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "ops/launch/launch_plan.hpp"
#include "tool/op_context.hpp"

namespace fbmcp::ops {

struct StepOutcome {
  std::string step;
  std::string outcome;  // made | failed | not_made | unknown | deleted | left
  std::string id;       // when it was made
  std::optional<core::Error> error;
  std::string note;     // why it was not made, or how to remove what was left
};

struct LaunchRun {
  std::vector<StepOutcome> steps;
  bool complete = false;  // every step made
  std::optional<core::Error> cause;  // the first step's own failure (not a step that only needed it)
};

// One batch of every step; on a failure, one batch of DELETEs for what was made (ad, creative, ad set, campaign).
LaunchRun run_launch(const LaunchPlan& plan, tool::OpContext& ctx);

// A step outcome as the result shows it.
nlohmann::json outcome_json(const StepOutcome& outcome);

}  // namespace fbmcp::ops
