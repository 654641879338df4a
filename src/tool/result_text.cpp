#include "tool/result_text.hpp"

#include <sstream>

namespace fbmcp::tool {
namespace {

constexpr size_t kMaxCell = 48;

const nlohmann::json* lookup(const nlohmann::json& item, const std::string& path) {
  const nlohmann::json* node = &item;
  std::istringstream parts(path);
  for (std::string part; std::getline(parts, part, '.');) {
    if (!node->is_object() || !node->contains(part)) return nullptr;
    node = &(*node)[part];
  }
  return node;
}

}  // namespace

std::string cell_text(const nlohmann::json& value) {
  std::string text;
  if (value.is_string()) {
    text = value.get<std::string>();
  } else if (value.is_object() && value.contains("amount") && value["amount"].is_string()) {
    text = value["amount"].get<std::string>();  // money with minor units: the table shows the amount
  } else if (value.is_array()) {
    for (const auto& item : value) text += (text.empty() ? "" : ",") + cell_text(item);
  } else if (value.is_null()) {
    text = "";
  } else {
    text = value.dump();
  }
  for (auto& c : text) {
    if (c == '|' || c == '\n' || c == '\r') c = ' ';
  }
  if (text.size() > kMaxCell) text = text.substr(0, kMaxCell - 1) + "…";
  return text;
}

std::string render_table(const nlohmann::json& items, const std::vector<std::string>& wanted) {
  // A column no row has a value in says nothing (lean rows leave out e.g. effective_status equal to status).
  std::vector<std::string> columns;
  for (const auto& column : wanted) {
    for (const auto& item : items) {
      if (const auto* value = lookup(item, column); value && !value->is_null()) {
        columns.push_back(column);
        break;
      }
    }
  }
  std::ostringstream out;
  out << "|";
  for (const auto& column : columns) out << " " << column << " |";
  out << "\n|";
  for (size_t i = 0; i < columns.size(); ++i) out << "---|";
  out << "\n";
  for (const auto& item : items) {
    out << "|";
    for (const auto& column : columns) {
      const auto* value = lookup(item, column);
      out << " " << (value ? cell_text(*value) : "") << " |";
    }
    out << "\n";
  }
  return out.str();
}

std::string render_fields(const nlohmann::json& object, size_t max_lines) {
  std::ostringstream out;
  size_t lines = 0;
  for (const auto& [key, value] : object.items()) {
    if (lines++ >= max_lines) {
      out << "…\n";
      break;
    }
    out << key << ": " << cell_text(value) << "\n";
  }
  return out.str();
}

}  // namespace fbmcp::tool
