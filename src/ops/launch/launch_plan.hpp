// launch_ad's plan: every step's Graph request, planned (and checked) by the same pre-flight as its own create op
// before anything is sent. Steps refer to each other with Graph batch references ({result=<step>:$.id}).
#pragma once
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "core/error.hpp"
#include "graph/request.hpp"
#include "ops/common/object_kind.hpp"
#include "tool/op_context.hpp"

namespace fbmcp::ops {

struct LaunchStep {
  std::string name;                // "campaign", "adset", "creative", "ad": the batch name and the args key
  const ObjectKind* kind = nullptr;
  graph::GraphRequest request;     // POST act_<n>/<edge>, named
  std::vector<std::string> needs;  // steps whose ids its request refers to
};

struct LaunchImage {
  std::string hash;          // MD5 of the bytes, as Graph computes it
  std::string bytes;         // never logged, never in a result
  nlohmann::json shown;      // what the result says about it: type, size, source
};

struct LaunchPlan {
  std::string act_id;
  tool::AccountFacts account;
  std::optional<LaunchImage> image;  // uploaded before the batch (an image travels as a file, not as a batch body)
  std::vector<LaunchStep> steps;     // in batch order
  std::string existing_campaign_id;  // when the ad set goes in a campaign that exists (no campaign step)
  std::vector<std::string> warnings;
};

// The batch reference to a step's new id.
std::string launch_reference(const std::string& step);

// Plans every step; an error names the arg in the call ("args.adset.daily_budget"). The image is read and checked but
// not uploaded: the caller uploads it (not on a dry run) before sending the steps.
core::Result<LaunchPlan> plan_launch(const nlohmann::json& args, tool::OpContext& ctx);

// An error raised for a step's own args ("args.daily_budget", "file_path") as the call names them
// ("args.campaign.daily_budget", "args.image.file_path").
core::Error under_step(core::Error error, const std::string& step);

}  // namespace fbmcp::ops
