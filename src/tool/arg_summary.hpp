// What describe shows of an op's args (DESIGN §6: under 3 KB per op): per arg its type in words, whether it is
// required, its description, an example and its limits — not the JSON Schema machinery (patterns, maxLength,
// oneOf branches) that only the validator needs. Shared types such as money are named and explained once.
#pragma once
#include <nlohmann/json.hpp>

namespace fbmcp::tool {

struct ArgSummary {
  // {"<arg>": "<type>[, required][, one of A|B][, default X][, min..max] — <description> (e.g. <example>)"}: one line
  // per arg reads as well as a nested object and costs a third of its size.
  nlohmann::json args;
  nlohmann::json types;  // {"money": "<how to write it>"} for each shared type the args use
};

// `schema` is an op's inlined args schema (OpRegistry).
ArgSummary summarize_args(const nlohmann::json& schema);

}  // namespace fbmcp::tool
