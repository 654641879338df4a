#include "webhook/value_summary.hpp"

namespace fbmcp::webhook {
namespace {

// Cuts at most `max_bytes` without splitting a UTF-8 sequence (continuation bytes are 10xxxxxx), marking the cut.
std::string cut_utf8(const std::string& text, size_t max_bytes) {
  if (text.size() <= max_bytes) return text;
  size_t end = max_bytes;
  while (end > 0 && (static_cast<unsigned char>(text[end]) & 0xC0) == 0x80) --end;
  return text.substr(0, end) + "…";
}

std::string scalar_or_shape(const nlohmann::json& value) {
  constexpr size_t kScalarChars = 60;
  if (value.is_object()) return value.empty() ? "{}" : "{…}";
  if (value.is_array()) return "[" + std::to_string(value.size()) + " items]";
  if (value.is_string()) return cut_utf8(value.get<std::string>(), kScalarChars);
  return value.dump();
}

}  // namespace

std::string summarize_value(const nlohmann::json& value, size_t max_chars) {
  // Values come from a parsed body, so their strings are valid UTF-8; `replace` guards the dump all the same.
  const std::string compact = value.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  if (compact.size() <= max_chars) return compact;
  if (!value.is_object()) return cut_utf8(compact, max_chars);
  std::string summary;
  for (const auto& [key, item] : value.items()) {
    std::string part = (summary.empty() ? "" : ", ") + cut_utf8(key, 40) + "=" + scalar_or_shape(item);
    if (summary.size() + part.size() > max_chars) return summary + ", …";
    summary += part;
  }
  return summary;
}

}  // namespace fbmcp::webhook
