#include "fake/field_selection.hpp"

#include <algorithm>

namespace fbmcp::fake {
namespace {

class Parser {
 public:
  explicit Parser(const std::string& text) : text_(text) {}

  bool parse_list(std::vector<FieldSelector>& out, bool nested) {
    while (pos_ < text_.size()) {
      skip_space();
      if (nested && peek() == '}') return true;
      FieldSelector field;
      while (pos_ < text_.size() && (std::isalnum(static_cast<unsigned char>(peek())) || peek() == '_')) {
        field.name += text_[pos_++];
      }
      if (field.name.empty()) return false;
      skip_modifiers();
      if (peek() == '{') {
        ++pos_;
        if (!parse_list(field.children, true) || peek() != '}') return false;
        ++pos_;
        skip_modifiers();
      }
      out.push_back(std::move(field));
      skip_space();
      if (peek() == ',') {
        ++pos_;
        continue;
      }
      if (nested && peek() == '}') return true;
      if (pos_ < text_.size()) return false;
    }
    return !nested;
  }

 private:
  char peek() const { return pos_ < text_.size() ? text_[pos_] : '\0'; }
  void skip_space() {
    while (pos_ < text_.size() && std::isspace(static_cast<unsigned char>(text_[pos_]))) ++pos_;
  }
  // `.limit(5)`, `.since(…)`: edge modifiers, meaningless for plain fields.
  void skip_modifiers() {
    while (peek() == '.') {
      while (pos_ < text_.size() && text_[pos_] != '(') ++pos_;
      while (pos_ < text_.size() && text_[pos_] != ')') ++pos_;
      if (pos_ < text_.size()) ++pos_;
    }
  }

  const std::string& text_;
  size_t pos_ = 0;
};

}  // namespace

bool parse_fields(const std::string& expression, std::vector<FieldSelector>& out) {
  out.clear();
  if (expression.empty()) return true;
  return Parser(expression).parse_list(out, false);
}

nlohmann::json project(const nlohmann::json& object, const std::vector<FieldSelector>& selection) {
  nlohmann::json out = nlohmann::json::object();
  for (const auto& field : selection) {
    auto it = object.find(field.name);
    if (it == object.end() || it->is_null()) continue;
    if (field.children.empty()) {
      out[field.name] = *it;
    } else if (it->is_object() && it->contains("data") && (*it)["data"].is_array() &&
               std::none_of(field.children.begin(), field.children.end(),
                            [](const FieldSelector& child) { return child.name == "data"; })) {
      // A nested edge (`children{media_url}` of an IG carousel): the selection applies to each row of its data.
      auto rows = nlohmann::json::array();
      for (const auto& row : (*it)["data"]) rows.push_back(row.is_object() ? project(row, field.children) : row);
      out[field.name] = {{"data", rows}};
    } else if (it->is_object()) {
      out[field.name] = project(*it, field.children);
    } else if (it->is_array()) {
      auto items = nlohmann::json::array();
      for (const auto& item : *it) items.push_back(item.is_object() ? project(item, field.children) : item);
      out[field.name] = items;
    } else {
      out[field.name] = *it;
    }
  }
  return out;
}

}  // namespace fbmcp::fake
