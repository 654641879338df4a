// Graph's preview edges: GET /<ad_id>/previews, GET /<creative_id>/previews and GET /act_<id>/generatepreviews
// (graph-api-facts.md §2; PSDK ad.py get_previews, adcreative.py get_previews, adaccount.py get_generate_previews).
// Each answers {"data":[{"body":"<iframe src=\"<base>/ads/api/preview_iframe.php?d=…&amp;t=…\" …></iframe>"}]};
// the page behind that URL is fake/previews/preview_page.hpp's.
#pragma once
#include <string>

#include "fake/write_context.hpp"

namespace fbmcp::fake {

bool is_preview_edge(const std::string& type, const std::string& edge);
// `base_url` is where the emulator is reached (EmulatorOptions::base_url): the preview page is served there too.
WriteResult preview_edge(WriteContext& ctx, const Node& node, const std::string& edge, const ParamMap& params,
                         const std::string& base_url);

}  // namespace fbmcp::fake
