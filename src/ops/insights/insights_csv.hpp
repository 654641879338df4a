// Canonical insights rows as CSV (RFC 4180): a fixed header decided before the first row, nested metrics flattened
// per conversion family (conversions_purchase, cost_per_conversion_lead, …), and cells a spreadsheet would run as a
// formula (a name starting with = + - @) defused with a leading apostrophe (OWASP "CSV injection"), because ad names
// are whatever someone typed.
#pragma once
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "ops/insights/canonical_metrics.hpp"

namespace fbmcp::ops {

// The columns for rows made with `options`, in order.
std::vector<std::string> insights_csv_columns(const CanonicalOptions& options);

// One line (with "\r\n") of `values` quoted as RFC 4180 asks.
std::string csv_line(const std::vector<std::string>& values);

// A canonical row's cells for `columns` (empty where the row has no value: no conversions, a zero denominator).
std::vector<std::string> insights_csv_cells(const nlohmann::json& canonical_row, const std::vector<std::string>& columns);

}  // namespace fbmcp::ops
