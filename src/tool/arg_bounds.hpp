// Size bounds on an op's args, checked before valijson sees them. Debian's valijson matches `pattern` with
// std::regex, which recurses once per character: a 30 KB string against an id pattern exhausts a worker thread's
// stack. valijson also checks every branch of a oneOf and every constraint even after one failed, so a schema's
// own maxLength does not protect its pattern. This check does: it walks args and schema together and refuses
// any string longer than the maxLength of a patterned schema that could apply to it, and any string, key or
// array beyond the global caps below, with an error naming the argument. A string schema without a pattern whose
// maxLength is above kMaxArgStringChars raises the cap to that maxLength (image_base64).
#pragma once
#include <nlohmann/json.hpp>

#include "core/error.hpp"

namespace fbmcp::tool {

inline constexpr size_t kMaxArgStringChars = 64 * 1024;  // the longest text any op takes (ad copy is far shorter)
inline constexpr size_t kMaxArgKeyChars = 256;
inline constexpr size_t kMaxArgArrayItems = 10000;
// A patterned string schema without maxLength gets this bound (the contract test requires maxLength anyway).
inline constexpr size_t kDefaultPatternChars = 256;

core::Result<void> check_arg_bounds(const nlohmann::json& args, const nlohmann::json& schema);

}  // namespace fbmcp::tool
