// A change's value in a few hundred characters: enough for an agent to see what happened (verb, ids, a status),
// never a raw dump that could fill its context window. Stored instead of the value itself.
#pragma once
#include <cstddef>
#include <string>

#include <nlohmann/json.hpp>

namespace fbmcp::webhook {

inline constexpr size_t kValueSummaryChars = 300;

// The compact JSON when it fits; otherwise "key=value, …" over the top level, long strings cut, nested objects and
// arrays shown as {…} and [n items]. Always valid UTF-8 (cuts fall on character boundaries).
std::string summarize_value(const nlohmann::json& value, size_t max_chars = kValueSummaryChars);

}  // namespace fbmcp::webhook
