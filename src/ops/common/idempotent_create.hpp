// Creates that are never duplicated (DESIGN §4): an idempotency key (given, or derived from the args) records each
// attempt; when Graph's answer is lost after the request was sent, the object is looked for before anything is
// re-sent, and a retried tool call with the same key returns the object the first call made.
#pragma once
#include <cstdint>
#include <functional>
#include <optional>
#include <set>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "core/error.hpp"
#include "graph/request.hpp"
#include "tool/op_context.hpp"

namespace fbmcp::ops {

// A derived key only covers a retry window; an explicit key is the caller's promise of "the same create".
inline constexpr int64_t kDerivedKeyLifetime = 10 * 60;
inline constexpr int64_t kExplicitKeyLifetime = 24 * 60 * 60;

struct CreateRequest {
  std::string op;          // for the key and messages: "create_campaign"
  std::string edge;        // POST target and where to look for the object: "act_1/campaigns"
  graph::Params params;
  std::string name;        // the new object's name, which reconciliation matches on
  std::function<bool(const nlohmann::json& candidate)> same_object;  // extra checks on a name match
  std::vector<std::string> match_fields;  // fields reconciliation reads (id, name, created_time are always read)
  // Whether the objects have created_time. Meta's AdCreative has none (Meta SDK AdCreative.Field), so a creative is
  // told apart from older ones of the same name by the ids that had that name before the attempt.
  bool has_created_time = true;
};

struct CreateOutcome {
  std::string id;
  std::vector<std::string> warnings;  // says when the object came from an earlier call or was found after a timeout
  // The object an earlier successful call made and returned (so already journaled): this call changed nothing.
  bool made_earlier = false;
};

// Looks on request.edge for the object an attempt that started at `started_at` may have made: the same name, made
// since then (give or take clock skew) — or, for objects without created_time, not among `existed_before` —
// request.same_object agreeing. nullopt when there is none.
core::Result<std::optional<std::string>> find_created(tool::OpContext& ctx, const CreateRequest& request,
                                                      int64_t started_at,
                                                      const std::set<std::string>& existed_before = {});

// The ids of the objects on request.edge named request.name now: what find_created must not claim later for kinds
// without created_time.
core::Result<std::set<std::string>> ids_named(tool::OpContext& ctx, const CreateRequest& request);

// Whether Meta may have acted although we have no id: the answer was lost, or came in a shape we cannot read.
// A Graph error object means Meta refused, and nothing was created.
bool outcome_unknown(const core::Error& error);

core::Result<CreateOutcome> idempotent_create(tool::OpContext& ctx, const nlohmann::json& args,
                                              const CreateRequest& request);

}  // namespace fbmcp::ops
