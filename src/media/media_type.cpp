#include "media/media_type.hpp"

#include <algorithm>
#include <array>
#include <optional>

namespace fbmcp::media {
namespace {

// Bounds-checked little readers: every one returns nullopt instead of reading past the end.
struct ByteReader {
  std::string_view data;

  bool has(size_t at, size_t n) const { return at <= data.size() && n <= data.size() - at; }
  bool starts(size_t at, std::string_view magic) const { return has(at, magic.size()) && data.substr(at, magic.size()) == magic; }
  std::optional<uint8_t> u8(size_t at) const {
    if (!has(at, 1)) return std::nullopt;
    return static_cast<uint8_t>(data[at]);
  }
  std::optional<uint32_t> le(size_t at, size_t n) const {
    if (!has(at, n)) return std::nullopt;
    uint32_t v = 0;
    for (size_t i = n; i-- > 0;) v = (v << 8) | static_cast<uint8_t>(data[at + i]);
    return v;
  }
  std::optional<uint32_t> be(size_t at, size_t n) const {
    if (!has(at, n)) return std::nullopt;
    uint32_t v = 0;
    for (size_t i = 0; i < n; ++i) v = (v << 8) | static_cast<uint8_t>(data[at + i]);
    return v;
  }
};

using namespace std::string_view_literals;

// PNG: 8-byte signature, then IHDR first with width and height big-endian (PNG spec §11.2.2).
ImageInfo png_info(const ByteReader& b) {
  ImageInfo info{MediaType::Png};
  if (!b.starts(12, "IHDR")) return info;
  info.width = b.be(16, 4).value_or(0);
  info.height = b.be(20, 4).value_or(0);
  return info;
}

// GIF: logical screen width and height, little-endian u16 after the 6-byte signature (GIF89a spec §18).
ImageInfo gif_info(const ByteReader& b) {
  return {MediaType::Gif, b.le(6, 2).value_or(0), b.le(8, 2).value_or(0)};
}

// BMP: BITMAPCOREHEADER (12 bytes) has u16 sizes; the later headers have signed 32-bit ones, height negative for
// top-down rows.
ImageInfo bmp_info(const ByteReader& b) {
  ImageInfo info{MediaType::Bmp};
  const auto header = b.le(14, 4);
  if (!header) return info;
  if (*header == 12) {
    info.width = b.le(18, 2).value_or(0);
    info.height = b.le(20, 2).value_or(0);
    return info;
  }
  const auto w = b.le(18, 4), h = b.le(22, 4);
  if (!w || !h) return info;
  const auto sw = static_cast<int32_t>(*w), sh = static_cast<int32_t>(*h);
  if (sw <= 0 || sh == INT32_MIN) return info;
  info.width = static_cast<uint32_t>(sw);
  info.height = static_cast<uint32_t>(sh < 0 ? -sh : sh);
  return info;
}

// WebP (RIFF container, developers.google.com/speed/webp/docs/riff_container): the first chunk is VP8 (lossy,
// 14-bit sizes after the 0x9d012a start code), VP8L (lossless, 14-bit sizes minus one after the 0x2f signature) or
// VP8X (extended, 24-bit canvas sizes minus one).
ImageInfo webp_info(const ByteReader& b) {
  ImageInfo info{MediaType::Webp};
  if (b.starts(12, "VP8 ")) {
    if (!b.starts(23, "\x9d\x01\x2a"sv)) return info;
    info.width = b.le(26, 2).value_or(0) & 0x3fff;
    info.height = b.le(28, 2).value_or(0) & 0x3fff;
  } else if (b.starts(12, "VP8L")) {
    const auto bits = b.le(21, 4);
    if (b.u8(20) != 0x2f || !bits) return info;
    info.width = (*bits & 0x3fff) + 1;
    info.height = ((*bits >> 14) & 0x3fff) + 1;
  } else if (b.starts(12, "VP8X")) {
    const auto w = b.le(24, 3), h = b.le(27, 3);
    if (!w || !h) return info;
    info.width = *w + 1;
    info.height = *h + 1;
  }
  return info;
}

// JPEG: walk the marker segments to the first SOFn frame header (ITU T.81 §B.2.2): precision, then height and width
// as big-endian u16. Stops at SOS or EOI: a frame header after the scan data would be a malformed file.
ImageInfo jpeg_info(const ByteReader& b) {
  ImageInfo info{MediaType::Jpeg};
  size_t at = 2;
  // Each step moves forward by at least one byte, so the walk ends on any input.
  while (b.has(at, 2)) {
    if (b.u8(at) != 0xff) return info;
    uint8_t marker = *b.u8(at + 1);
    if (marker == 0xff) {  // fill bytes before a marker
      ++at;
      continue;
    }
    at += 2;
    if (marker == 0x01 || (marker >= 0xd0 && marker <= 0xd8)) continue;  // standalone markers have no length
    if (marker == 0xd9 || marker == 0xda) return info;
    const auto length = b.be(at, 2);
    if (!length || *length < 2) return info;
    const bool sof = marker >= 0xc0 && marker <= 0xcf && marker != 0xc4 && marker != 0xc8 && marker != 0xcc;
    if (sof) {
      info.height = b.be(at + 3, 2).value_or(0);
      info.width = b.be(at + 5, 2).value_or(0);
      if (info.height == 0 || info.width == 0) info.width = info.height = 0;
      return info;
    }
    at += *length;
  }
  return info;
}

// TIFF (TIFF 6.0 §2): byte order mark, offset of IFD0, then 12-byte entries; ImageWidth is tag 256 and
// ImageLength tag 257, each SHORT (type 3) or LONG (type 4), the value in the entry itself.
ImageInfo tiff_info(const ByteReader& b) {
  ImageInfo info{MediaType::Tiff};
  const bool little = b.starts(0, "II");
  const auto read = [&](size_t at, size_t n) { return little ? b.le(at, n) : b.be(at, n); };
  const auto ifd = read(4, 4);
  if (!ifd) return info;
  const auto count = read(*ifd, 2);
  if (!count) return info;
  for (uint32_t i = 0; i < *count; ++i) {
    const size_t entry = static_cast<size_t>(*ifd) + 2 + static_cast<size_t>(i) * 12;
    if (!b.has(entry, 12)) break;
    const auto tag = read(entry, 2), type = read(entry + 2, 2);
    if (tag != 256u && tag != 257u) continue;
    const auto value = type == 3u ? read(entry + 8, 2) : type == 4u ? read(entry + 8, 4) : std::nullopt;
    (tag == 256u ? info.width : info.height) = value.value_or(0);
  }
  if (info.width == 0 || info.height == 0) info.width = info.height = 0;
  return info;
}

bool mostly_text(std::string_view bytes) {
  const auto sample = bytes.substr(0, 4096);
  size_t odd = 0;
  for (const char c : sample) {
    const auto u = static_cast<unsigned char>(c);
    if (u == 0) return false;
    if (u < 0x20 && u != '\n' && u != '\r' && u != '\t' && u != '\f') ++odd;
  }
  return odd * 100 <= sample.size();  // UTF-8 multibyte sequences (>= 0x80) count as text
}

}  // namespace

std::string_view type_name(MediaType type) {
  switch (type) {
    case MediaType::Jpeg: return "JPEG";
    case MediaType::Png: return "PNG";
    case MediaType::Gif: return "GIF";
    case MediaType::Webp: return "WebP";
    case MediaType::Bmp: return "BMP";
    case MediaType::Tiff: return "TIFF";
    case MediaType::Mp4: return "MP4";
    case MediaType::Mov: return "MOV";
    case MediaType::Unknown: break;
  }
  return "unknown";
}

std::string_view mime_type(MediaType type) {
  switch (type) {
    case MediaType::Jpeg: return "image/jpeg";
    case MediaType::Png: return "image/png";
    case MediaType::Gif: return "image/gif";
    case MediaType::Webp: return "image/webp";
    case MediaType::Bmp: return "image/bmp";
    case MediaType::Tiff: return "image/tiff";
    case MediaType::Mp4: return "video/mp4";
    case MediaType::Mov: return "video/quicktime";
    case MediaType::Unknown: break;
  }
  return "application/octet-stream";
}

bool is_image(MediaType type) {
  return type != MediaType::Mp4 && type != MediaType::Mov && type != MediaType::Unknown;
}

std::string_view accepted_image_types() { return "JPEG, PNG, GIF, WebP, BMP, TIFF"; }

MediaType sniff(std::string_view data) {
  const ByteReader b{data};
  if (b.starts(0, "\xff\xd8\xff"sv)) return MediaType::Jpeg;
  if (b.starts(0, "\x89PNG\r\n\x1a\n"sv)) return MediaType::Png;
  if (b.starts(0, "GIF87a") || b.starts(0, "GIF89a")) return MediaType::Gif;
  if (b.starts(0, "RIFF") && b.starts(8, "WEBP")) return MediaType::Webp;
  // "BM" alone is two printable letters; the DIB header size makes it a bitmap (12, 40, 52, 56, 64, 108, 124).
  if (b.starts(0, "BM")) {
    const auto header = b.le(14, 4);
    constexpr std::array<uint32_t, 7> kHeaders = {12, 40, 52, 56, 64, 108, 124};
    if (header && std::find(kHeaders.begin(), kHeaders.end(), *header) != kHeaders.end()) return MediaType::Bmp;
  }
  if (b.starts(0, "II*\0"sv) || b.starts(0, "MM\0*"sv)) return MediaType::Tiff;
  // ISO BMFF (ISO/IEC 14496-12 §4.3): a box "ftyp" first, whose major brand "qt  " means QuickTime.
  // HEIF/AVIF still images (ISO/IEC 23008-12 brands heic, heix, mif1, msf1, avif, …) are ISO BMFF too: not videos.
  if (b.starts(4, "ftyp")) {
    for (const auto brand : {"heic"sv, "heix"sv, "hevc"sv, "hevx"sv, "mif1"sv, "msf1"sv, "avif"sv, "avis"sv}) {
      if (b.starts(8, brand)) return MediaType::Unknown;
    }
    return b.starts(8, "qt  ") ? MediaType::Mov : MediaType::Mp4;
  }
  return MediaType::Unknown;
}

std::string describe_content(std::string_view data) {
  const ByteReader b{data};
  if (data.empty()) return "an empty file";
  switch (sniff(data)) {
    case MediaType::Mp4: return "an MP4 video";
    case MediaType::Mov: return "a QuickTime (MOV) video";
    case MediaType::Unknown: break;
    default: return std::string("a ") + std::string(type_name(sniff(data))) + " image";
  }
  if (b.starts(0, "-----BEGIN ")) {
    const auto head = data.substr(0, 64);
    if (head.find("PRIVATE KEY") != std::string_view::npos) return "a PEM private key";
    if (head.find("CERTIFICATE") != std::string_view::npos) return "a PEM certificate";
    return "PEM-encoded data (a key or certificate)";
  }
  if (b.starts(0, "ssh-") || b.starts(0, "ecdsa-sha2-")) return "an SSH public key";
  if (b.starts(0, "PK\x03\x04"sv) || b.starts(0, "PK\x05\x06"sv)) return "a ZIP archive (or .docx/.xlsx/.jar)";
  if (b.starts(0, "\x7f" "ELF"sv)) return "an ELF executable";
  if (b.starts(0, "MZ")) return "a Windows executable";
  if (b.starts(0, "\xcf\xfa\xed\xfe"sv) || b.starts(0, "\xfe\xed\xfa\xcf"sv)) return "a Mach-O executable";
  if (b.starts(0, "%PDF")) return "a PDF document";
  if (b.starts(0, "\x1f\x8b"sv)) return "a gzip archive";
  if (b.starts(0, "SQLite format 3\0"sv)) return "an SQLite database";
  if (b.starts(0, "8BPS")) return "a Photoshop document";
  if (b.starts(4, "ftypheic") || b.starts(4, "ftypavif")) return "an HEIC/AVIF image (not accepted by Meta)";
  if (mostly_text(data)) {
    if (b.starts(0, "#!")) return "a script (text)";
    const auto head = data.substr(0, 512);
    if (head.find("<svg") != std::string_view::npos) return "an SVG drawing (text; vector images are not accepted)";
    if (head.find("<html") != std::string_view::npos || head.find("<!DOCTYPE") != std::string_view::npos ||
        head.find("<!doctype") != std::string_view::npos) {
      return "an HTML page (text)";
    }
    const auto first = data.find_first_not_of(" \t\r\n");
    if (first != std::string_view::npos && (data[first] == '{' || data[first] == '[')) return "JSON (text)";
    return "text";
  }
  return "unknown binary data";
}

namespace {

ImageInfo header_info(std::string_view data) {
  const ByteReader b{data};
  switch (sniff(data)) {
    case MediaType::Jpeg: return jpeg_info(b);
    case MediaType::Png: return png_info(b);
    case MediaType::Gif: return gif_info(b);
    case MediaType::Webp: return webp_info(b);
    case MediaType::Bmp: return bmp_info(b);
    case MediaType::Tiff: return tiff_info(b);
    case MediaType::Mp4: return {MediaType::Mp4};
    case MediaType::Mov: return {MediaType::Mov};
    case MediaType::Unknown: break;
  }
  return {};
}

}  // namespace

ImageInfo image_info(std::string_view data) {
  auto info = header_info(data);
  // A header cut between width and height says nothing reliable about either.
  if (info.width == 0 || info.height == 0) info.width = info.height = 0;
  return info;
}

core::Result<ImageInfo> require_image(std::string_view bytes, const std::string& arg) {
  const auto info = image_info(bytes);
  if (is_image(info.type)) return info;
  const bool video = info.type == MediaType::Mp4 || info.type == MediaType::Mov;
  auto error = core::fail(core::ErrorKind::InvalidArgs,
                          arg + " is not an image: by its content it is " + describe_content(bytes) +
                              ". Accepted image types: " + std::string(accepted_image_types()) +
                              " (checked by the bytes, not the file name)",
                          video ? "videos go through upload_video"
                                : "pass a JPEG, PNG, GIF, WebP, BMP or TIFF image, e.g. {\"file_path\":\"/path/to/ad.jpg\"}");
  error.error().path = arg;
  error.error().detail = {{"accepted", {"JPEG", "PNG", "GIF", "WebP", "BMP", "TIFF"}},
                          {"looks_like", describe_content(bytes)}};
  return error;
}

core::Result<MediaType> require_video(std::string_view head, const std::string& arg) {
  const auto type = sniff(head);
  if (type == MediaType::Mp4 || type == MediaType::Mov) return type;
  auto error = core::fail(core::ErrorKind::InvalidArgs,
                          arg + " is not a video: by its content it is " + describe_content(head) +
                              ". Accepted video types: MP4 and MOV (QuickTime), checked by the bytes, not the file name",
                          is_image(type) ? "images go through upload_image"
                                         : "pass an MP4 or MOV video, e.g. {\"file_path\":\"/path/to/ad.mp4\"}");
  error.error().path = arg;
  error.error().detail = {{"accepted", {"MP4", "MOV"}}, {"looks_like", describe_content(head)}};
  return error;
}

}  // namespace fbmcp::media
