// Small, valid image files built in memory (and a few things that are not images), for upload tests.
#pragma once
#include <cstdint>
#include <string>

namespace fbmcp::testing {

inline void put_le(std::string& s, uint32_t v, int n) {
  for (int i = 0; i < n; ++i) s += static_cast<char>((v >> (8 * i)) & 0xff);
}
inline void put_be(std::string& s, uint32_t v, int n) {
  for (int i = n - 1; i >= 0; --i) s += static_cast<char>((v >> (8 * i)) & 0xff);
}

// A 1x1 RGBA PNG (a complete, decodable file).
inline std::string png_1x1() {
  return std::string("\211PNG\015\012\032\012\000\000\000\015IHDR\000\000\000\001\000\000\000\001\010\006\000\000\000\037\025\304\211\000\000\000\015IDATx\234c````\000\000\000\005\000\001\245\366E@\000\000\000\000IEND\256B`\202", 70);
}

inline std::string png_header(uint32_t width, uint32_t height) {
  std::string s("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", 16);
  put_be(s, width, 4);
  put_be(s, height, 4);
  s += std::string("\x08\x02\x00\x00\x00", 5);
  return s;
}

// JPEG with an APP0 segment, then a baseline SOF0 frame header.
inline std::string jpeg_header(uint16_t width, uint16_t height) {
  std::string s("\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00", 20);
  s += std::string("\xff\xc0\x00\x11\x08", 5);
  put_be(s, height, 2);
  put_be(s, width, 2);
  s += std::string("\x03\x01\x22\x00\x02\x11\x01\x03\x11\x01", 10);
  s += std::string("\xff\xd9", 2);
  return s;
}

inline std::string gif_header(uint16_t width, uint16_t height) {
  std::string s = "GIF89a";
  put_le(s, width, 2);
  put_le(s, height, 2);
  s += std::string("\x00\x00\x00", 3);
  return s;
}

inline std::string bmp_header(int32_t width, int32_t height) {
  std::string s = "BM";
  put_le(s, 54, 4);
  put_le(s, 0, 4);
  put_le(s, 54, 4);
  put_le(s, 40, 4);
  put_le(s, static_cast<uint32_t>(width), 4);
  put_le(s, static_cast<uint32_t>(height), 4);
  put_le(s, 1, 2);
  put_le(s, 24, 2);
  s += std::string(24, '\0');
  return s;
}

inline std::string webp_vp8x(uint32_t width, uint32_t height) {
  std::string s = "RIFF";
  put_le(s, 22, 4);
  s += "WEBPVP8X";
  put_le(s, 10, 4);
  s += std::string(4, '\0');
  put_le(s, width - 1, 3);
  put_le(s, height - 1, 3);
  return s;
}

inline std::string webp_vp8l(uint32_t width, uint32_t height) {
  std::string s = "RIFF";
  put_le(s, 14, 4);
  s += "WEBPVP8L";
  put_le(s, 5, 4);
  s += '\x2f';
  put_le(s, (width - 1) | ((height - 1) << 14), 4);
  return s;
}

inline std::string webp_vp8(uint16_t width, uint16_t height) {
  std::string s = "RIFF";
  put_le(s, 22, 4);
  s += "WEBPVP8 ";
  put_le(s, 10, 4);
  s += std::string("\x00\x00\x00\x9d\x01\x2a", 6);
  put_le(s, width, 2);
  put_le(s, height, 2);
  return s;
}

// Little-endian TIFF with ImageWidth (SHORT) and ImageLength (LONG) in IFD0.
inline std::string tiff_header(uint16_t width, uint32_t height) {
  std::string s("II*\x00", 4);
  put_le(s, 8, 4);
  put_le(s, 2, 2);
  put_le(s, 256, 2), put_le(s, 3, 2), put_le(s, 1, 4), put_le(s, width, 2), put_le(s, 0, 2);
  put_le(s, 257, 2), put_le(s, 4, 2), put_le(s, 1, 4), put_le(s, height, 4);
  put_le(s, 0, 4);
  return s;
}

inline std::string mp4_header() { return std::string("\x00\x00\x00\x18" "ftypisom\x00\x00\x02\x00isomiso2", 24); }

inline std::string pem_private_key() {
  return "-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQ\n-----END OPENSSH PRIVATE KEY-----\n";
}

}  // namespace fbmcp::testing
