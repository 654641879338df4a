// chart/line_chart: a PNG of the promised size, small, with each series drawn in its own colour and gaps left open.
#include <catch2/catch.hpp>

#include <cairo.h>

#include <cstring>

#include "chart/line_chart.hpp"

using namespace fbmcp;

namespace {

struct PngReader {
  const std::string& bytes;
  size_t at = 0;
};

cairo_status_t read_png_bytes(void* closure, unsigned char* data, unsigned int length) {
  auto* reader = static_cast<PngReader*>(closure);
  if (reader->at + length > reader->bytes.size()) return CAIRO_STATUS_READ_ERROR;
  std::memcpy(data, reader->bytes.data() + reader->at, length);
  reader->at += length;
  return CAIRO_STATUS_SUCCESS;
}

// How many pixels are (close to) the colour r, g, b in 0..255.
size_t pixels_of_colour(cairo_surface_t* image, int r, int g, int b) {
  const int stride = cairo_image_surface_get_stride(image);
  const unsigned char* data = cairo_image_surface_get_data(image);
  size_t count = 0;
  for (int y = 0; y < cairo_image_surface_get_height(image); ++y) {
    for (int x = 0; x < cairo_image_surface_get_width(image); ++x) {
      uint32_t pixel;
      std::memcpy(&pixel, data + y * stride + x * 4, 4);
      const int pr = (pixel >> 16) & 0xff, pg = (pixel >> 8) & 0xff, pb = pixel & 0xff;
      if (std::abs(pr - r) < 8 && std::abs(pg - g) < 8 && std::abs(pb - b) < 8) ++count;
    }
  }
  return count;
}

}  // namespace

TEST_CASE("line chart: a small PNG of the promised size with every series in its colour", "[line_chart]") {
  chart::LineChart picture;
  picture.title = "spend by day";
  picture.y_label = "spend (USD)";
  for (int day = 1; day <= 30; ++day) picture.x_labels.push_back("2026-11-" + std::string(day < 10 ? "0" : "") + std::to_string(day));
  chart::Series rising{"Spring Sale — ünïcode name that is longer than thirty-four bytes", {}};
  chart::Series flat{"Brand", {}};
  for (int day = 0; day < 30; ++day) {
    rising.values.push_back(10.0 * day);
    flat.values.push_back(day == 12 ? std::nullopt : std::optional<double>(50.0));  // a gap
  }
  picture.series = {rising, flat};

  auto png = chart::render_png(picture);
  REQUIRE(png);
  CHECK(png->starts_with("\x89PNG\r\n\x1a\n"));
  CHECK(png->size() > 2'000);
  CHECK(png->size() < 100'000);

  PngReader reader{*png};
  cairo_surface_t* image = cairo_image_surface_create_from_png_stream(read_png_bytes, &reader);
  REQUIRE(cairo_surface_status(image) == CAIRO_STATUS_SUCCESS);
  CHECK(cairo_image_surface_get_width(image) == chart::kWidth);
  CHECK(cairo_image_surface_get_height(image) == chart::kHeight);
  CHECK(pixels_of_colour(image, 0, 115, 178) > 200);  // the first series' blue
  CHECK(pixels_of_colour(image, 230, 158, 0) > 200);  // the second's orange
  CHECK(pixels_of_colour(image, 0, 158, 115) == 0);   // no third series, no third colour
  cairo_surface_destroy(image);
}

TEST_CASE("line chart: nothing to draw still makes a picture, never a crash", "[line_chart]") {
  chart::LineChart empty;
  CHECK(chart::render_png(empty));
  chart::LineChart one_point{"t", "y", {"2026-11-01"}, {{"a", {std::optional<double>(0.0)}}}};
  CHECK(chart::render_png(one_point));
  chart::LineChart odd{"t", "y", {"a", "b"}, {{"nan", {std::optional<double>(std::nan("")), std::optional<double>(-5.0)}}}};
  CHECK(chart::render_png(odd));
}
