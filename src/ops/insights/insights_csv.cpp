#include "ops/insights/insights_csv.hpp"

#include <algorithm>

#include "graph/action_families.hpp"
#include "ops/insights/insights_request.hpp"

namespace fbmcp::ops {
namespace {

bool csv_metric_wanted(const CanonicalOptions& options, const std::string& metric) {
  return options.metrics.empty() || std::ranges::find(options.metrics, metric) != options.metrics.end();
}

// Metrics that are an object per conversion family in a canonical row.
bool per_family_metric(const std::string& metric) { return metric == "conversions" || metric == "cost_per_conversion"; }

std::string csv_cell_text(const nlohmann::json& value) {
  if (value.is_string()) return value.get<std::string>();
  if (value.is_null()) return {};
  return value.dump();
}

}  // namespace

std::vector<std::string> insights_csv_columns(const CanonicalOptions& options) {
  std::vector<std::string> columns = {"date_start", "date_stop"};
  if (options.level != "account") {
    columns.push_back(options.level + "_id");
    columns.push_back(options.level + "_name");
  }
  for (const auto& b : options.breakdowns) columns.push_back(b);
  for (const auto& metric : canonical_metric_names()) {
    if (!csv_metric_wanted(options, metric)) continue;
    if (!per_family_metric(metric)) {
      columns.push_back(metric);
      continue;
    }
    for (const auto& family : graph::kActionFamilies) {
      if (family.is_conversion) columns.push_back(metric + "_" + std::string(family.name));
    }
  }
  return columns;
}

std::string csv_line(const std::vector<std::string>& values) {
  std::string line;
  for (size_t i = 0; i < values.size(); ++i) {
    if (i) line += ',';
    std::string cell = values[i];
    if (!cell.empty() && (cell[0] == '=' || cell[0] == '+' || cell[0] == '-' || cell[0] == '@' || cell[0] == '\t' ||
                          cell[0] == '\r')) {
      // Numbers are never negative here, so only text (a name) can start so; it stays readable with the apostrophe.
      cell.insert(cell.begin(), '\'');
    }
    if (cell.find_first_of(",\"\r\n") == std::string::npos) {
      line += cell;
      continue;
    }
    line += '"';
    for (char c : cell) {
      if (c == '"') line += '"';
      line += c;
    }
    line += '"';
  }
  return line + "\r\n";
}

std::vector<std::string> insights_csv_cells(const nlohmann::json& row, const std::vector<std::string>& columns) {
  std::vector<std::string> cells;
  cells.reserve(columns.size());
  for (const auto& column : columns) {
    // The row says id/name; the header says which level's they are.
    std::string key = column;
    if (column.ends_with("_id") && !row.contains(column) && row.contains("id")) key = "id";
    if (column.ends_with("_name") && !row.contains(column) && row.contains("name")) key = "name";
    if (const auto it = row.find(key); it != row.end()) {
      cells.push_back(csv_cell_text(*it));
      continue;
    }
    std::string cell;
    for (const char* nested : {"conversions", "cost_per_conversion"}) {
      const std::string prefix = std::string(nested) + "_";
      if (!column.starts_with(prefix)) continue;
      const auto group = row.find(nested);
      if (group == row.end() || !group->is_object()) continue;
      if (const auto value = group->find(column.substr(prefix.size())); value != group->end()) cell = csv_cell_text(*value);
    }
    cells.push_back(cell);
  }
  return cells;
}

}  // namespace fbmcp::ops
