// The hash Meta gives an ad image: the MD5 of its bytes as 32 lowercase hex digits (the adimages `hash` field;
// PSDK adimagemixin.py calls it "md5-like"). Computed locally too, so a dry run can say which hash an upload will
// get and the same bytes always name the same image.
#pragma once
#include <string>
#include <string_view>

namespace fbmcp::media {

std::string image_hash(std::string_view bytes);

}  // namespace fbmcp::media
