// Validates an op's `args` against its JSON Schema with valijson, and turns the first, most specific failure
// into an Error that names the JSON path, what was expected (allowed values for enums) and an example.
#pragma once
#include <memory>
#include <nlohmann/json.hpp>
#include <string>

#include "core/error.hpp"

namespace valijson {
class Schema;
}

namespace fbmcp::tool {

class ArgValidator {
 public:
  // Throws nothing; a schema valijson cannot parse yields an error on every validate() call naming the op.
  ArgValidator(std::string op, nlohmann::json schema);
  ~ArgValidator();
  ArgValidator(ArgValidator&&) noexcept;
  ArgValidator& operator=(ArgValidator&&) noexcept;

  core::Result<void> validate(const nlohmann::json& args) const;
  const nlohmann::json& schema() const { return schema_json_; }

 private:
  std::string op_;
  nlohmann::json schema_json_;
  std::unique_ptr<valijson::Schema> schema_;
  std::string load_error_;
};

}  // namespace fbmcp::tool
