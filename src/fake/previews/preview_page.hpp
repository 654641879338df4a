// The page behind an emulated preview URL: GET /ads/api/preview_iframe.php?d=…&t=… answers an HTML rendering of
// the creative (page name, primary text, image, headline, description, call-to-action button) sized for the ad
// format, every creative text HTML-escaped. A d/t pair the emulator did not hand out, or one naming a creative
// that no longer exists, answers a 404 page. FakeGraphServer serves it next to the Graph paths.
#pragma once
#include <string>

#include "fake/object_store.hpp"
#include "fake/write_context.hpp"
#include "graph/request.hpp"

namespace fbmcp::fake {

inline constexpr const char* kPreviewPagePath = "/ads/api/preview_iframe.php";

// The iframe size Graph gives a format when none is asked for: desktop placements are wider.
struct PreviewFrame {
  int width;
  int height;
};
PreviewFrame preview_frame(const std::string& ad_format);

graph::HttpResponse render_preview_page(const ObjectStore& store, const ParamMap& params);

}  // namespace fbmcp::fake
