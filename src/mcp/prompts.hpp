// MCP prompts from prompts/*.json (compiled in): reusable task recipes that name real ops.
#pragma once
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "core/error.hpp"

namespace fbmcp::mcp {

struct Prompt {
  nlohmann::json definition;  // {name, title, description, arguments:[{name, description, required}], ops, template}
};

class PromptLibrary {
 public:
  static PromptLibrary load_embedded();

  nlohmann::json list() const;  // prompts/list result
  // prompts/get result; InvalidArgs for an unknown prompt or a missing required argument.
  core::Result<nlohmann::json> get(const std::string& name, const nlohmann::json& arguments) const;
  const std::vector<Prompt>& prompts() const { return prompts_; }

 private:
  std::vector<Prompt> prompts_;
};

}  // namespace fbmcp::mcp
