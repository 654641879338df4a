#include "graph/json_fields.hpp"

#include <charconv>
#include <cmath>
#include <limits>

namespace fbmcp::graph {
namespace {

std::string display_name(std::string_view key, std::string_view name) {
  return std::string(name.empty() ? key : name);
}

std::string parent_name(std::string_view key, std::string_view name) {
  const std::string full = display_name(key, name);
  const auto dot = full.rfind('.');
  return dot == std::string::npos ? "the answer" : "`" + full.substr(0, dot) + "`";
}

// The field's value, or nullptr when absent/null; an error when the parent cannot hold fields.
std::expected<const nlohmann::json*, std::string> locate(const nlohmann::json& parent, std::string_view key,
                                                         std::string_view name) {
  if (parent.is_null()) return nullptr;
  if (!parent.is_object()) {
    return std::unexpected(parent_name(key, name) + " is " + std::string(json_type_name(parent)) +
                           ", expected an object");
  }
  const auto it = parent.find(key);
  if (it == parent.end() || it->is_null()) return nullptr;
  return &*it;
}

std::string type_mismatch(std::string_view key, std::string_view name, const nlohmann::json& value, std::string_view want) {
  return "`" + display_name(key, name) + "` is " + std::string(json_type_name(value)) + ", expected " +
         std::string(want);
}

std::optional<int64_t> whole_number(const nlohmann::json& value) {
  if (value.is_number_unsigned()) {
    const auto v = value.get<uint64_t>();
    if (v > static_cast<uint64_t>(std::numeric_limits<int64_t>::max())) return std::nullopt;
    return static_cast<int64_t>(v);
  }
  if (value.is_number_integer()) return value.get<int64_t>();
  if (value.is_number_float()) {
    const double d = value.get<double>();
    // 2^63 is exactly representable; anything at or beyond it does not fit int64.
    if (!std::isfinite(d) || d != std::trunc(d) || d >= 9223372036854775808.0 || d < -9223372036854775808.0) {
      return std::nullopt;
    }
    return static_cast<int64_t>(d);
  }
  if (value.is_string()) {
    const auto& s = value.get_ref<const std::string&>();
    int64_t out = 0;
    const auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), out);
    if (ec == std::errc() && end == s.data() + s.size() && !s.empty()) return out;
  }
  return std::nullopt;
}

std::optional<double> finite_number(const nlohmann::json& value) {
  if (value.is_number()) {
    const double d = value.get<double>();
    if (std::isfinite(d)) return d;
    return std::nullopt;
  }
  if (value.is_string()) {
    const auto& s = value.get_ref<const std::string&>();
    double out = 0;
    const auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), out);
    if (ec == std::errc() && end == s.data() + s.size() && !s.empty() && std::isfinite(out)) return out;
  }
  return std::nullopt;
}

}  // namespace

std::string_view json_type_name(const nlohmann::json& value) {
  switch (value.type()) {
    case nlohmann::json::value_t::null: return "null";
    case nlohmann::json::value_t::object: return "an object";
    case nlohmann::json::value_t::array: return "an array";
    case nlohmann::json::value_t::string: return "a string";
    case nlohmann::json::value_t::boolean: return "a boolean";
    case nlohmann::json::value_t::number_integer:
    case nlohmann::json::value_t::number_unsigned:
    case nlohmann::json::value_t::number_float: return "a number";
    case nlohmann::json::value_t::binary: return "binary data";
    case nlohmann::json::value_t::discarded: return "not JSON";
  }
  return "of an unknown type";
}

std::string json_text(const nlohmann::json& value, size_t max) {
  // dump() with replace: Graph text may hold invalid UTF-8, and the default error handler throws.
  std::string text = value.is_string() ? value.get<std::string>()
                                       : value.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  if (text.size() > max) text = text.substr(0, max) + "…";
  return text;
}

Field<std::string> read_string(const nlohmann::json& parent, std::string_view key, std::string_view name) {
  auto at = locate(parent, key, name);
  if (!at) return std::unexpected(at.error());
  if (!*at) return std::optional<std::string>();
  if (!(*at)->is_string()) return std::unexpected(type_mismatch(key, name, **at, "a string"));
  return (*at)->get<std::string>();
}

Field<int64_t> read_int(const nlohmann::json& parent, std::string_view key, std::string_view name) {
  auto at = locate(parent, key, name);
  if (!at) return std::unexpected(at.error());
  if (!*at) return std::optional<int64_t>();
  if (auto value = whole_number(**at)) return *value;
  if ((*at)->is_string()) {
    return std::unexpected("`" + display_name(key, name) + "` is the string \"" + json_text(**at, 40) +
                           "\", expected a whole number");
  }
  if ((*at)->is_number()) {
    return std::unexpected("`" + display_name(key, name) + "` is " + json_text(**at, 40) +
                           ", expected a whole number in range");
  }
  return std::unexpected(type_mismatch(key, name, **at, "a whole number"));
}

Field<double> read_number(const nlohmann::json& parent, std::string_view key, std::string_view name) {
  auto at = locate(parent, key, name);
  if (!at) return std::unexpected(at.error());
  if (!*at) return std::optional<double>();
  if (auto value = finite_number(**at)) return *value;
  if ((*at)->is_string()) {
    return std::unexpected("`" + display_name(key, name) + "` is the string \"" + json_text(**at, 40) +
                           "\", expected a number");
  }
  return std::unexpected(type_mismatch(key, name, **at, "a number"));
}

Field<bool> read_bool(const nlohmann::json& parent, std::string_view key, std::string_view name) {
  auto at = locate(parent, key, name);
  if (!at) return std::unexpected(at.error());
  if (!*at) return std::optional<bool>();
  if ((*at)->is_boolean()) return (*at)->get<bool>();
  if ((*at)->is_string()) {
    const auto& s = (*at)->get_ref<const std::string&>();
    if (s == "true") return true;
    if (s == "false") return false;
  }
  return std::unexpected(type_mismatch(key, name, **at, "true or false"));
}

Field<nlohmann::json> read_object(const nlohmann::json& parent, std::string_view key, std::string_view name) {
  auto at = locate(parent, key, name);
  if (!at) return std::unexpected(at.error());
  if (!*at) return std::optional<nlohmann::json>();
  if (!(*at)->is_object()) return std::unexpected(type_mismatch(key, name, **at, "an object"));
  return **at;
}

core::Error unexpected_shape(std::string_view what, std::string_view detail) {
  core::Error error{core::ErrorKind::GraphApi,
                    "Graph's answer for " + std::string(what) + ": " + std::string(detail),
                    "Meta answered in a shape this server does not expect; try again later, and report it if it "
                    "persists",
                    {},
                    std::nullopt,
                    nullptr};
  error.detail = {{"unexpected_shape", true}};
  return error;
}

bool is_unexpected_shape(const core::Error& error) {
  return error.detail.is_object() && error.detail.contains("unexpected_shape");
}

}  // namespace fbmcp::graph
