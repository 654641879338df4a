// What every write op does the same way: dry runs through Graph's validate_only, and reporting changes.
#pragma once
#include <nlohmann/json.hpp>
#include <string>

#include "core/error.hpp"
#include "graph/request.hpp"
#include "tool/op_context.hpp"

namespace fbmcp::ops {

// dry_run:true → execution_options=["validate_only"]: Graph (or the emulator) validates and changes nothing.
bool apply_dry_run(const nlohmann::json& args, graph::Params& params);

// Asks Graph to validate a write (validate_only) before a human is asked to confirm it: nobody should be asked to
// approve a change Meta would refuse anyway.
core::Result<void> validate_with_graph(tool::OpContext& ctx, const std::string& path, graph::Params params);

// Human-readable "field: before → after" lines for the summary.
std::string describe_changes(const nlohmann::json& changes);

// Params as a JSON object, for showing a dry run what would be sent (minus execution_options).
nlohmann::json params_json(const graph::Params& params);

}  // namespace fbmcp::ops
