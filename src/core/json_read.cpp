#include "core/json_read.hpp"

namespace fbmcp::core {
namespace {

using nlohmann::json;

Error wrong_type(std::string path, std::string_view expected, const json& got) {
  return Error{ErrorKind::InvalidArgs, path + " must be " + std::string(expected) + ", got " + describe_type(got),
               {}, std::move(path), std::nullopt, nullptr};
}

std::string field_path(std::string_view where, std::string_view key) {
  return where.empty() ? std::string(key) : std::string(where) + "." + std::string(key);
}

// nlohmann's own DOM builder with a depth gate in front: one pass, and a too-deep document stops the parse at the
// first level past the limit, before anything is built below it.
class DepthLimitedDom {
 public:
  DepthLimitedDom(json& root, int max_depth) : dom_(root, false), max_depth_(max_depth) {}

  bool null() { return dom_.null(); }
  bool boolean(bool v) { return dom_.boolean(v); }
  bool number_integer(json::number_integer_t v) { return dom_.number_integer(v); }
  bool number_unsigned(json::number_unsigned_t v) { return dom_.number_unsigned(v); }
  bool number_float(json::number_float_t v, const json::string_t& s) { return dom_.number_float(v, s); }
  bool string(json::string_t& v) { return dom_.string(v); }
  bool binary(json::binary_t& v) { return dom_.binary(v); }
  bool start_object(std::size_t n) { return enter() && dom_.start_object(n); }
  bool key(json::string_t& v) { return dom_.key(v); }
  bool end_object() {
    --depth_;
    return dom_.end_object();
  }
  bool start_array(std::size_t n) { return enter() && dom_.start_array(n); }
  bool end_array() {
    --depth_;
    return dom_.end_array();
  }
  bool parse_error(std::size_t position, const std::string&, const nlohmann::detail::exception&) {
    syntax_error_at_ = position;
    return false;
  }

  bool too_deep() const { return too_deep_; }
  std::optional<std::size_t> syntax_error_at() const { return syntax_error_at_; }

 private:
  bool enter() {
    if (++depth_ <= max_depth_) return true;
    too_deep_ = true;
    return false;
  }

  nlohmann::detail::json_sax_dom_parser<json> dom_;
  int max_depth_;
  int depth_ = 0;
  bool too_deep_ = false;
  std::optional<std::size_t> syntax_error_at_;
};

}  // namespace

Result<json> parse_json_bounded(std::string_view text, int max_depth) {
  json root;
  DepthLimitedDom sax(root, max_depth);
  const bool ok = json::sax_parse(text.begin(), text.end(), &sax, json::input_format_t::json, true, false);
  if (sax.too_deep()) {
    return fail(ErrorKind::InvalidArgs,
                "JSON nested deeper than " + std::to_string(max_depth) + " levels is refused",
                "send flatter JSON: no argument of this server needs more than a few levels");
  }
  if (!ok || sax.syntax_error_at()) {
    // The position only: the parser's own message quotes the input, which may hold a secret.
    return fail(ErrorKind::InvalidArgs,
                "not valid JSON (syntax error near byte " + std::to_string(sax.syntax_error_at().value_or(0)) + ")",
                "send one complete JSON value, UTF-8 encoded");
  }
  return root;
}

std::string describe_type(const json& value) {
  switch (value.type()) {
    case json::value_t::null: return "null";
    case json::value_t::boolean: return "a boolean";
    case json::value_t::number_integer:
    case json::value_t::number_unsigned: return "an integer";
    case json::value_t::number_float: return "a number";
    case json::value_t::string: return "a string";
    case json::value_t::array: return "an array";
    case json::value_t::object: return "an object";
    case json::value_t::binary: return "binary data";
    case json::value_t::discarded: return "nothing";
  }
  return "an unknown value";
}

const json* find_field(const json& object, std::string_view key) {
  if (!object.is_object()) return nullptr;
  const auto it = object.find(key);
  return it == object.end() ? nullptr : &*it;
}

std::string string_or_empty(const json& object, std::string_view key) {
  const json* field = find_field(object, key);
  return field && field->is_string() ? field->get<std::string>() : std::string();
}

namespace {

// Shared by the readers: absent/null → nullptr; `object` not an object → Error.
Result<const json*> locate(const json& object, std::string_view key, std::string_view where) {
  if (!object.is_object() && !object.is_null()) return std::unexpected(wrong_type(std::string(where), "an object", object));
  const json* field = find_field(object, key);
  return field && !field->is_null() ? field : nullptr;
}

}  // namespace

Result<std::optional<std::string>> read_string(const json& object, std::string_view key, std::string_view where) {
  auto field = locate(object, key, where);
  if (!field) return std::unexpected(field.error());
  if (!*field) return std::nullopt;
  if (!(*field)->is_string()) return std::unexpected(wrong_type(field_path(where, key), "a string", **field));
  return (*field)->get<std::string>();
}

Result<std::optional<bool>> read_bool(const json& object, std::string_view key, std::string_view where) {
  auto field = locate(object, key, where);
  if (!field) return std::unexpected(field.error());
  if (!*field) return std::nullopt;
  if (!(*field)->is_boolean()) return std::unexpected(wrong_type(field_path(where, key), "true or false", **field));
  return (*field)->get<bool>();
}

Result<std::optional<std::int64_t>> read_int(const json& object, std::string_view key, std::string_view where) {
  auto field = locate(object, key, where);
  if (!field) return std::unexpected(field.error());
  if (!*field) return std::nullopt;
  const json& value = **field;
  if (value.is_number_integer() && !(value.is_number_unsigned() && value.get<std::uint64_t>() > INT64_MAX)) {
    return value.get<std::int64_t>();
  }
  return std::unexpected(wrong_type(field_path(where, key), "an integer", value));
}

Result<const json*> read_object(const json& object, std::string_view key, std::string_view where) {
  auto field = locate(object, key, where);
  if (!field) return std::unexpected(field.error());
  if (*field && !(*field)->is_object()) return std::unexpected(wrong_type(field_path(where, key), "an object", **field));
  return *field;
}

}  // namespace fbmcp::core
