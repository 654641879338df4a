// A small line chart as a PNG, for results people would rather look at than read (issue 10: a KPI over time).
// Rendered with cairo (libcairo2-dev): one well-kept library draws, anti-aliases and encodes the PNG.
#pragma once
#include <optional>
#include <string>
#include <vector>

#include "core/error.hpp"

namespace fbmcp::chart {

struct Series {
  std::string name;
  std::vector<std::optional<double>> values;  // one per x label; nullopt = no value that day (a gap in the line)
};

struct LineChart {
  std::string title;
  std::string y_label;                  // "spend (USD)", "CTR (%)"
  std::vector<std::string> x_labels;    // "2026-11-01", …
  std::vector<Series> series;           // at most kMaxSeries are drawn
};

inline constexpr size_t kMaxSeries = 6;
inline constexpr int kWidth = 720;
inline constexpr int kHeight = 360;

// The chart as PNG bytes. Fails only when cairo cannot make or encode the image (out of memory).
core::Result<std::string> render_png(const LineChart& chart);

}  // namespace fbmcp::chart
