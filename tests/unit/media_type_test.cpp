// Media sniffing: types by magic bytes, sizes from headers, what non-media looks like, and no crash or over-read on
// truncated or garbage input (the sanitizer build runs these under ASan/UBSan).
#include <catch2/catch.hpp>

#include <random>

#include "media/image_hash.hpp"
#include "media/media_type.hpp"
#include "support/sample_images.hpp"

using namespace fbmcp;
using media::MediaType;
using namespace std::string_literals;

TEST_CASE("image types are told by their magic bytes and their sizes read from the headers", "[media]") {
  struct Case {
    std::string bytes;
    MediaType type;
    uint32_t width, height;
  };
  const Case cases[] = {
      {testing::png_1x1(), MediaType::Png, 1, 1},
      {testing::png_header(1080, 1920), MediaType::Png, 1080, 1920},
      {testing::jpeg_header(1200, 628), MediaType::Jpeg, 1200, 628},
      {testing::gif_header(320, 50), MediaType::Gif, 320, 50},
      {testing::bmp_header(640, -480), MediaType::Bmp, 640, 480},
      {testing::webp_vp8x(1080, 1350), MediaType::Webp, 1080, 1350},
      {testing::webp_vp8l(600, 314), MediaType::Webp, 600, 314},
      {testing::webp_vp8(400, 300), MediaType::Webp, 400, 300},
      {testing::tiff_header(800, 600), MediaType::Tiff, 800, 600},
  };
  for (const auto& c : cases) {
    const auto info = media::image_info(c.bytes);
    INFO(media::type_name(c.type));
    CHECK(info.type == c.type);
    CHECK(info.width == c.width);
    CHECK(info.height == c.height);
    CHECK(media::require_image(c.bytes, "file_path").has_value());
  }
}

TEST_CASE("videos are recognized and refused as images, pointing at upload_video", "[media]") {
  CHECK(media::sniff(testing::mp4_header()) == MediaType::Mp4);
  std::string mov = testing::mp4_header();
  mov.replace(8, 4, "qt  ");
  CHECK(media::sniff(mov) == MediaType::Mov);
  const auto refused = media::require_image(testing::mp4_header(), "file_path");
  REQUIRE_FALSE(refused);
  CHECK(refused.error().message.find("an MP4 video") != std::string::npos);
  CHECK(refused.error().hint.find("upload_video") != std::string::npos);
}

TEST_CASE("what is not an image is named, with the accepted types", "[media]") {
  const std::pair<std::string, std::string> cases[] = {
      {testing::pem_private_key(), "a PEM private key"},
      {"-----BEGIN CERTIFICATE-----\nMIIB\n", "a PEM certificate"},
      {std::string("PK\x03\x04\x14\x00", 6), "a ZIP archive"},
      {std::string("\x7f" "ELF\x02\x01\x01", 7), "an ELF executable"},
      {"%PDF-1.7\n", "a PDF document"},
      {"password=hunter2\nuser=admin\n", "text"},
      {"{\"access_token\": \"x\"}", "JSON (text)"},
      {"<svg xmlns=\"http://www.w3.org/2000/svg\"/>", "an SVG drawing"},
      {"", "an empty file"},
      {std::string("\x00\x01\x02\x03\xfe\xfd", 6), "unknown binary data"},
      {"BM is just two letters here", "text"},
  };
  for (const auto& [bytes, looks_like] : cases) {
    INFO(looks_like);
    CHECK(media::sniff(bytes) == MediaType::Unknown);
    const auto refused = media::require_image(bytes, "file_path");
    REQUIRE_FALSE(refused);
    CHECK(refused.error().kind == core::ErrorKind::InvalidArgs);
    CHECK(refused.error().path == "file_path");
    CHECK(refused.error().message.find(looks_like) != std::string::npos);
    CHECK(refused.error().message.find("JPEG, PNG, GIF, WebP, BMP, TIFF") != std::string::npos);
  }
}

TEST_CASE("every truncation of a valid header parses without reading past the end", "[media]") {
  const std::string samples[] = {testing::png_1x1(),          testing::jpeg_header(1200, 628),
                                 testing::gif_header(320, 50), testing::bmp_header(640, 480),
                                 testing::webp_vp8x(10, 10),   testing::webp_vp8l(10, 10),
                                 testing::webp_vp8(10, 10),    testing::tiff_header(8, 6)};
  for (const auto& sample : samples) {
    for (size_t n = 0; n <= sample.size(); ++n) {
      // A copy of exactly n bytes on the heap, so ASan sees any read past it.
      const std::string cut = sample.substr(0, n);
      const auto info = media::image_info(cut);
      if (info.width != 0) CHECK(info.height != 0);
      (void)media::describe_content(cut);
    }
  }
}

TEST_CASE("garbage behind every magic prefix never crashes the parsers", "[media]") {
  std::mt19937 random(20261124);
  const std::string prefixes[] = {"\xff\xd8\xff"s,        "\x89PNG\r\n\x1a\n"s,    "GIF89a"s, "RIFF\0\0\0\0WEBPVP8X"s,
                                  "RIFF\0\0\0\0WEBPVP8L"s, "RIFF\0\0\0\0WEBPVP8 "s, "BM"s,     "II*\0"s,
                                  "MM\0*"s,                "-----BEGIN "s};
  for (int round = 0; round < 20000; ++round) {
    std::string bytes = prefixes[round % std::size(prefixes)];
    const size_t extra = random() % 64;
    for (size_t i = 0; i < extra; ++i) bytes += static_cast<char>(random() & 0xff);
    const auto info = media::image_info(bytes);
    (void)info;
    (void)media::describe_content(bytes);
  }
  // A JPEG made of nothing but fill bytes and tiny segments still ends.
  std::string fills("\xff\xd8", 2);
  fills += std::string(100000, '\xff');
  CHECK(media::image_info(fills).width == 0);
}

TEST_CASE("the image hash is the MD5 of the bytes", "[media]") {
  CHECK(media::image_hash("") == "d41d8cd98f00b204e9800998ecf8427e");
  CHECK(media::image_hash("abc") == "900150983cd24fb0d6963f7d28e17f72");
}
