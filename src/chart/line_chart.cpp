#include "chart/line_chart.hpp"

#include <cairo.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <memory>
#include <vector>

namespace fbmcp::chart {
namespace {

// Colour-blind-safe (Okabe–Ito), distinct in greyscale too.
constexpr double kPalette[kMaxSeries][3] = {{0.0, 0.45, 0.70}, {0.90, 0.62, 0.0}, {0.0, 0.62, 0.45},
                                            {0.80, 0.40, 0.0}, {0.80, 0.47, 0.65}, {0.34, 0.71, 0.91}};
constexpr double kLeft = 72, kRight = 16, kTop = 44, kBottom = 56;

struct Surface {
  cairo_surface_t* surface = cairo_image_surface_create(CAIRO_FORMAT_RGB24, kWidth, kHeight);
  cairo_t* cr = cairo_create(surface);
  ~Surface() {
    cairo_destroy(cr);
    cairo_surface_destroy(surface);
  }
};

// Round step for about `target` ticks over [0, top]: 1, 2 or 5 × 10^n.
double tick_step(double top, int target) {
  const double raw = top / target;
  const double magnitude = std::pow(10.0, std::floor(std::log10(raw)));
  for (double m : {1.0, 2.0, 5.0, 10.0}) {
    if (raw <= m * magnitude) return m * magnitude;
  }
  return 10 * magnitude;
}

std::string tick_text(double value, double step) {
  char buffer[32];
  if (value >= 1e6) std::snprintf(buffer, sizeof buffer, "%.1fM", value / 1e6);
  else if (value >= 1e4) std::snprintf(buffer, sizeof buffer, "%.0fk", value / 1e3);
  else if (step < 1) std::snprintf(buffer, sizeof buffer, "%.2f", value);
  else std::snprintf(buffer, sizeof buffer, "%.0f", value);
  return buffer;
}

// `align` 0 = starts at x, 0.5 = centred on x, 1 = ends at x; kept inside the picture either way.
void draw_text(cairo_t* cr, const std::string& text, double x, double y, double size, double align = 0) {
  cairo_set_font_size(cr, size);
  cairo_text_extents_t extents;
  cairo_text_extents(cr, text.c_str(), &extents);
  const double left = std::clamp(x - extents.x_advance * align, 2.0, std::max(2.0, kWidth - 2 - extents.x_advance));
  cairo_move_to(cr, left, y);
  cairo_show_text(cr, text.c_str());
}

cairo_status_t append_png_bytes(void* closure, const unsigned char* data, unsigned int length) {
  static_cast<std::string*>(closure)->append(reinterpret_cast<const char*>(data), length);
  return CAIRO_STATUS_SUCCESS;
}

}  // namespace

core::Result<std::string> render_png(const LineChart& chart) {
  Surface s;
  cairo_t* cr = s.cr;
  if (cairo_status(cr) != CAIRO_STATUS_SUCCESS) return core::fail(core::ErrorKind::Internal, "cannot draw a chart");
  cairo_set_source_rgb(cr, 1, 1, 1);
  cairo_paint(cr);
  cairo_select_font_face(cr, "DejaVu Sans", CAIRO_FONT_SLANT_NORMAL, CAIRO_FONT_WEIGHT_NORMAL);
  cairo_set_source_rgb(cr, 0.13, 0.13, 0.13);
  draw_text(cr, chart.title, kLeft, 22, 14);
  cairo_set_source_rgb(cr, 0.4, 0.4, 0.4);
  draw_text(cr, chart.y_label, kLeft, 38, 11);

  const size_t drawn = std::min(chart.series.size(), kMaxSeries);
  double top = 0;
  for (size_t i = 0; i < drawn; ++i) {
    for (const auto& v : chart.series[i].values) {
      if (v && std::isfinite(*v)) top = std::max(top, *v);
    }
  }
  if (!(top > 0)) top = 1;
  const double step = tick_step(top, 5);
  top = std::ceil(top / step) * step;
  const double plot_w = kWidth - kLeft - kRight, plot_h = kHeight - kTop - kBottom;
  const size_t points = chart.x_labels.size();
  const auto x_of = [&](size_t i) { return kLeft + (points > 1 ? plot_w * i / (points - 1) : plot_w / 2); };
  const auto y_of = [&](double v) { return kTop + plot_h * (1 - std::clamp(v / top, 0.0, 1.0)); };

  cairo_set_line_width(cr, 1);
  for (double v = 0; v <= top + step / 2; v += step) {
    cairo_set_source_rgb(cr, 0.88, 0.88, 0.88);
    cairo_move_to(cr, kLeft, std::round(y_of(v)) + 0.5);
    cairo_line_to(cr, kLeft + plot_w, std::round(y_of(v)) + 0.5);
    cairo_stroke(cr);
    cairo_set_source_rgb(cr, 0.4, 0.4, 0.4);
    draw_text(cr, tick_text(v, step), kLeft - 6, y_of(v) + 4, 10, 1);
  }
  // About eight dates along the axis, always the last one (in place of a regular one too close to it).
  const size_t every = std::max<size_t>(1, (points + 7) / 8);
  std::vector<size_t> labelled;
  for (size_t i = 0; i < points; i += every) labelled.push_back(i);
  if (points > 0 && labelled.back() != points - 1) {
    if (points - 1 - labelled.back() < (every + 1) / 2 + 1 && labelled.size() > 1) labelled.back() = points - 1;
    else labelled.push_back(points - 1);
  }
  for (size_t i : labelled) draw_text(cr, chart.x_labels[i], x_of(i), kHeight - kBottom + 16, 10, 0.5);

  cairo_set_line_width(cr, 2);
  cairo_set_line_join(cr, CAIRO_LINE_JOIN_ROUND);
  for (size_t s_index = 0; s_index < drawn; ++s_index) {
    const auto& series = chart.series[s_index];
    const auto* colour = kPalette[s_index];
    cairo_set_source_rgb(cr, colour[0], colour[1], colour[2]);
    bool pen_down = false;
    for (size_t i = 0; i < std::min(points, series.values.size()); ++i) {
      const auto& v = series.values[i];
      if (!v || !std::isfinite(*v)) {
        pen_down = false;
        continue;
      }
      if (pen_down) cairo_line_to(cr, x_of(i), y_of(*v));
      else cairo_move_to(cr, x_of(i), y_of(*v));
      pen_down = true;
    }
    cairo_stroke(cr);
    if (points <= 31) {  // dots while each day can still be told apart
      for (size_t i = 0; i < std::min(points, series.values.size()); ++i) {
        if (!series.values[i] || !std::isfinite(*series.values[i])) continue;
        cairo_arc(cr, x_of(i), y_of(*series.values[i]), 2.5, 0, 2 * M_PI);
        cairo_fill(cr);
      }
    }
    // Legend along the bottom.
    const double lx = kLeft + static_cast<double>(s_index % 3) * (plot_w / 3);
    const double ly = kHeight - 22 + static_cast<double>(s_index / 3) * 14;
    cairo_rectangle(cr, lx, ly - 8, 10, 10);
    cairo_fill(cr);
    cairo_set_source_rgb(cr, 0.2, 0.2, 0.2);
    std::string name = series.name;
    if (name.size() > 34) {
      size_t cut = 33;
      while (cut > 0 && (static_cast<unsigned char>(name[cut]) & 0xC0) == 0x80) --cut;  // whole UTF-8 characters only
      name = name.substr(0, cut) + "…";
    }
    draw_text(cr, name, lx + 14, ly + 1, 10);
  }

  std::string png;
  cairo_surface_flush(s.surface);
  if (cairo_surface_write_to_png_stream(s.surface, append_png_bytes, &png) != CAIRO_STATUS_SUCCESS) {
    return core::fail(core::ErrorKind::Internal, "cannot encode the chart as PNG");
  }
  return png;
}

}  // namespace fbmcp::chart
