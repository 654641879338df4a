#include "mcp/prompts.hpp"

#include "core/json_read.hpp"
#include "embedded/embedded.hpp"

namespace fbmcp::mcp {

PromptLibrary PromptLibrary::load_embedded() {
  PromptLibrary library;
  for (const auto& [path, text] : embedded::list("prompts/")) {
    auto definition = nlohmann::json::parse(text, nullptr, false);
    // A prompt file of the wrong shape is left out (the contract test checks every shipped one).
    const auto* name = core::find_field(definition, "name");
    if (name && name->is_string()) library.prompts_.push_back({definition});
  }
  return library;
}

nlohmann::json PromptLibrary::list() const {
  auto prompts = nlohmann::json::array();
  for (const auto& prompt : prompts_) {
    const auto& d = prompt.definition;
    prompts.push_back({{"name", d["name"]},
                       {"title", d.value("title", d["name"].get<std::string>())},
                       {"description", d.value("description", "")},
                       {"arguments", d.value("arguments", nlohmann::json::array())}});
  }
  return {{"prompts", prompts}};
}

core::Result<nlohmann::json> PromptLibrary::get(const std::string& name, const nlohmann::json& arguments) const {
  for (const auto& prompt : prompts_) {
    const auto& d = prompt.definition;
    if (d["name"] != name) continue;
    std::string text = d.value("template", "");
    for (const auto& argument : d.value("arguments", nlohmann::json::array())) {
      const std::string arg_name = argument["name"];
      const bool given = arguments.is_object() && arguments.contains(arg_name) && arguments[arg_name].is_string();
      if (!given && argument.value("required", false)) {
        return core::fail(core::ErrorKind::InvalidArgs,
                          "prompt '" + name + "' needs argument '" + arg_name + "'");
      }
      const std::string value = given ? arguments[arg_name].get<std::string>() : "(not given)";
      const std::string placeholder = "{{" + arg_name + "}}";
      for (auto pos = text.find(placeholder); pos != std::string::npos; pos = text.find(placeholder, pos + value.size())) {
        text.replace(pos, placeholder.size(), value);
      }
    }
    return nlohmann::json{{"description", d.value("description", "")},
                          {"messages", {{{"role", "user"}, {"content", {{"type", "text"}, {"text", text}}}}}}};
  }
  return core::fail(core::ErrorKind::InvalidArgs, "unknown prompt '" + name + "'");
}

}  // namespace fbmcp::mcp
