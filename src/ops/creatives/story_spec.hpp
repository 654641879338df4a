// create_creative's args → Graph's object_story_spec (link_data, video_data, carousel child_attachments).
#pragma once
#include <nlohmann/json.hpp>
#include <string>
#include <utility>
#include <vector>

#include "core/error.hpp"

namespace fbmcp::ops {

// The spec as POST /act_<id>/adcreatives takes it, or an InvalidArgs error naming the arg that does not fit.
// `prefix` is where the creative's args sit: "args." for create_creative, "args.creative." for an inline creative.
core::Result<nlohmann::json> story_spec_of(const nlohmann::json& args, const std::string& prefix = "args.");

// Every image hash the args name (the story's and the cards'), with the arg path that names it.
std::vector<std::pair<std::string, std::string>> image_hashes_of(const nlohmann::json& args,
                                                                 const std::string& prefix = "args.");

}  // namespace fbmcp::ops
