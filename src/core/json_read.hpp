// Checked reads of JSON that came from outside (a client's message, a file, Graph). nlohmann's `value()`, `get<>()`
// and `operator[]` throw or assert when a field has an unexpected type; one such slip used to abort the process.
// These readers never throw: a missing field is "absent", a field of the wrong type is an Error that names the
// field's path and what was expected, so the caller can answer with it.
#pragma once
#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>

#include "core/error.hpp"

namespace fbmcp::core {

// Limits for any JSON we parse from outside. Deeper documents are refused while parsing, before a DOM exists:
// copying and comparing a DOM recurse per level, and 100,000 levels exhaust the stack.
inline constexpr int kMaxJsonDepth = 64;

// Parses text as JSON, refusing syntax errors and nesting deeper than `max_depth` (objects and arrays).
// The error is InvalidArgs with a message saying which (and where, for syntax errors).
Result<nlohmann::json> parse_json_bounded(std::string_view text, int max_depth = kMaxJsonDepth);

// "null", "a string", "an integer", … — for messages.
std::string describe_type(const nlohmann::json& value);

// `where` is the path of `object` for messages ("params", "args"); the field's path is `where.key`.
// Each reader: the field absent (or null, where `null_is_absent`) → std::nullopt; wrong type → Error(InvalidArgs,
// path set); the object itself not an object → Error too.
Result<std::optional<std::string>> read_string(const nlohmann::json& object, std::string_view key,
                                               std::string_view where);
Result<std::optional<bool>> read_bool(const nlohmann::json& object, std::string_view key, std::string_view where);
Result<std::optional<std::int64_t>> read_int(const nlohmann::json& object, std::string_view key,
                                              std::string_view where);
// The field when it is an object (nullptr when absent or null); an Error when it is anything else.
Result<const nlohmann::json*> read_object(const nlohmann::json& object, std::string_view key, std::string_view where);

// A field of any type, or nullptr; never throws, never inserts.
const nlohmann::json* find_field(const nlohmann::json& object, std::string_view key);

// A string field's value, or "" when it is absent or not a string (for data the caller wrote itself, such as the
// emulator's own objects; input from outside is read with read_string, which reports the wrong type).
std::string string_or_empty(const nlohmann::json& object, std::string_view key);

}  // namespace fbmcp::core
