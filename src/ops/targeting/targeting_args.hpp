// What the targeting ops share: turning an agent's targeting spec (Meta's shape, plus interests by name) into
// Graph's, and Graph's targeting sentence lines into one human sentence.
#pragma once
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "core/error.hpp"
#include "tool/op_context.hpp"

namespace fbmcp::ops {

struct ResolvedTargeting {
  nlohmann::json spec;              // Graph's targeting spec, every interest with its id
  nlohmann::json problems = nlohmann::json::array();  // [{field, message, suggestions?}] for names that match nothing
};

// Interests may be given by name: a top-level "interests": ["Hiking", …] becomes one flexible_spec group (people
// matching any of them), and {"name": …} entries without an id get the id of the interest with exactly that name
// (GET /search?type=adinterest). A name that matches nothing is a problem naming search_targeting.
core::Result<ResolvedTargeting> resolve_targeting(const nlohmann::json& targeting, tool::OpContext& ctx);
// The same, for ops that cannot go on with a problem: the first one becomes an InvalidArgs naming its field.
core::Result<ResolvedTargeting> resolve_usable_targeting(const nlohmann::json& targeting, tool::OpContext& ctx);

// "United States; ages 25–45; women; interests: Hiking or Camping" from GET /act_<id>/targetingsentencelines.
std::string targeting_sentence(const nlohmann::json& sentence_lines);

// "193M", "5.9M", "48K": a count of people as a person reads it.
std::string people_count(int64_t n);

// A refusal from Graph as a problem row {field, message}: the blamed field and Meta's user message.
nlohmann::json problem_from(const core::Error& error);

}  // namespace fbmcp::ops
