// Checked reads of Graph's JSON. Graph's answers come from outside the process: a field may be absent, null, or of
// another type than documented, and nlohmann's value()/get<>() throw on a type mismatch. Everything that reads a
// Graph body or usage header goes through these readers, so a wrong shape becomes an error that says what was
// unexpected instead of an exception that ends the server.
#pragma once
#include <cstdint>
#include <expected>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>

#include "core/error.hpp"

namespace fbmcp::graph {

// A field read: nullopt when the key is absent or null (or the parent is not an object — see below), a value when it
// has the expected type, and otherwise a sentence naming the field: "`paging.cursors.after` is a number, expected a
// string". `name` is how the field is named in that sentence; empty = the key itself.
template <typename T>
using Field = std::expected<std::optional<T>, std::string>;

// Reading from a parent that is not an object is reported too ("`paging` is a string, expected an object"), naming
// the parent by `name` up to its last dot.
Field<std::string> read_string(const nlohmann::json& parent, std::string_view key, std::string_view name = {});
// Whole numbers; also numeric strings ("30") and integral floating-point values (30.0), which Meta sends in usage
// headers and read-side fields. Out of int64 range is an error.
Field<int64_t> read_int(const nlohmann::json& parent, std::string_view key, std::string_view name = {});
// Finite numbers; also numeric strings ("9.67"). "nan"/"inf" strings are refused.
Field<double> read_number(const nlohmann::json& parent, std::string_view key, std::string_view name = {});
// true/false; also the strings "true"/"false".
Field<bool> read_bool(const nlohmann::json& parent, std::string_view key, std::string_view name = {});
// An object-valued field; absent/null → nullopt, any other type → error.
Field<nlohmann::json> read_object(const nlohmann::json& parent, std::string_view key, std::string_view name = {});

// "a string", "a number", "an object", "an array", "a boolean", "null".
std::string_view json_type_name(const nlohmann::json& value);
// A value as message text: strings as they are, anything else as compact JSON; cut at `max` characters.
std::string json_text(const nlohmann::json& value, size_t max = 300);

// ErrorKind::GraphApi: "Graph's answer for <what>: <detail>". Marked (detail.unexpected_shape) so callers that must
// know whether Graph acted — a create — can tell "Meta refused" from "we could not read Meta's answer".
core::Error unexpected_shape(std::string_view what, std::string_view detail);
bool is_unexpected_shape(const core::Error& error);

}  // namespace fbmcp::graph
