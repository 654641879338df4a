// What a creative shows, planned and checked once for every op that makes or shows one: create_creative, create_ad
// and launch_ad with an inline creative (and previews of a spec). The checks run before Graph is asked, so a wrong
// page or image is named with what would fit (the emulator refuses the same, fake/rules/creative_rules.cpp).
#pragma once
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "core/error.hpp"
#include "tool/op_context.hpp"

namespace fbmcp::ops {

// The creative's Graph content from its args: {"object_story_id": …} to promote an existing page post, or
// {"object_story_spec": …} for a new story. The page must be one the token can use, the Instagram account the
// page's own, every image hash one of `act_id`'s. `prefix` is where the creative's args sit in the call ("args.",
// "args.creative.") so an error names the right field. `arriving_hashes` are images the same call uploads before
// the creative is made (launch_ad), so they are not looked for in the account yet.
core::Result<nlohmann::json> plan_creative_content(const nlohmann::json& creative_args, tool::OpContext& ctx,
                                                   const std::string& act_id, const std::string& prefix,
                                                   const std::vector<std::string>& arriving_hashes = {});

}  // namespace fbmcp::ops
