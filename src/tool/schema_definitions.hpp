// Schema parts several ops share (money, …) are written once in schemas/definitions.json and referred to from op
// schemas with {"$ref": "#/definitions/<name>"}; an op that takes another op's fields refers to them with
// {"$ref": "ops/<op>.json#/properties/<field>"}.
#pragma once
#include <nlohmann/json.hpp>

#include "core/error.hpp"

namespace fbmcp::tool {

// The op schema with every reference ("#/definitions/<name>", "ops/<op>.json#/<pointer>") replaced by that definition, the reference's sibling
// keys (a field's own description, examples) laid over it. Validation, the bounds check, error messages and the
// hostile corpus then all read one plain schema; the definition keeps its `title` (e.g. "money") so describe can
// name the shared type instead of repeating it. An unknown or non-local reference is an error naming it.
core::Result<nlohmann::json> inline_definitions(const nlohmann::json& schema);

// The shared definitions by name (schemas/definitions.json), for describe's legend of shared types.
const nlohmann::json& shared_definitions();

}  // namespace fbmcp::tool
