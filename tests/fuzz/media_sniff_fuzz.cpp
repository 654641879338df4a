// libFuzzer target over upload sniffing: the magic-byte check, the header parsers that read image sizes (JPEG
// segments, PNG IHDR, GIF, WebP chunks, BMP, TIFF IFD) and the description of non-media. Whatever the bytes, none
// may crash, loop forever or read past the input (the input is a heap copy of exactly `size` bytes, so ASan sees
// any over-read).
#include <cstddef>
#include <cstdint>
#include <string>

#include "media/media_type.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string bytes(reinterpret_cast<const char*>(data), size);
  const auto info = fbmcp::media::image_info(bytes);
  if (fbmcp::media::is_image(info.type) != fbmcp::media::is_image(fbmcp::media::sniff(bytes))) __builtin_trap();
  (void)fbmcp::media::describe_content(bytes);
  (void)fbmcp::media::require_image(bytes, "file_path");
  return 0;
}
