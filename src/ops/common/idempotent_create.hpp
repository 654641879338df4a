// Creates that are never duplicated (DESIGN §4): an idempotency key (given, or derived from the args) records each
// attempt; when Graph's answer is lost after the request was sent, the object is looked for before anything is
// re-sent, and a retried tool call with the same key returns the object the first call made.
#pragma once
#include <functional>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "core/error.hpp"
#include "graph/request.hpp"
#include "tool/op_context.hpp"

namespace fbmcp::ops {

struct CreateRequest {
  std::string op;          // for the key and messages: "create_campaign"
  std::string edge;        // POST target and where to look for the object: "act_1/campaigns"
  graph::Params params;
  std::string name;        // the new object's name, which reconciliation matches on
  std::function<bool(const nlohmann::json& candidate)> same_object;  // extra checks on a name match
  std::vector<std::string> match_fields;  // fields reconciliation reads (id, name, created_time are always read)
};

struct CreateOutcome {
  std::string id;
  std::vector<std::string> warnings;  // says when the object came from an earlier call or was found after a timeout
};

core::Result<CreateOutcome> idempotent_create(tool::OpContext& ctx, const nlohmann::json& args,
                                              const CreateRequest& request);

}  // namespace fbmcp::ops
