#include "fake/rules/edit_rules.hpp"

#include "core/json_read.hpp"

namespace fbmcp::fake {
namespace {

std::string capitalized(std::string text) {
  if (!text.empty() && text[0] >= 'a' && text[0] <= 'z') text[0] = static_cast<char>(text[0] - 'a' + 'A');
  return text;
}

}  // namespace

void stamp_created(nlohmann::json& object, const std::string& now) {
  object["effective_status"] = object["status"];
  object["created_time"] = now;
  object["updated_time"] = now;
}

std::optional<GraphError> read_name_and_status(const WriteContext& ctx, const ParamMap& params, const std::string& type,
                                               nlohmann::json& object) {
  if (auto name = param(params, "name")) {
    if (name->empty()) return missing_param("name");
    object["name"] = *name;
  }
  if (auto status = param(params, "status")) {
    if (auto e = check_enum(ctx, type + ".status", "status", *status)) return e;
    object["status"] = *status;
    object["configured_status"] = *status;
  }
  return std::nullopt;
}

std::optional<GraphError> check_editable(const nlohmann::json& object, const std::string& noun, const ParamMap& params) {
  const auto status = core::string_or_empty(object, "status");
  if (status == "DELETED") {
    return invalid_param("status", "", capitalized(noun) + " deleted",
                         "This " + noun + " has been deleted (status DELETED) and can no longer be edited.");
  }
  if (status != "ARCHIVED") return std::nullopt;
  // As for campaigns (FBD/marketing-api/best-practices/manage-your-ad-object-status): an archived object changes
  // only its name, and its status only to DELETED.
  for (const auto& [key, value] : params) {
    if (key == "name" || key == "execution_options" || key == "access_token" || key == "appsecret_proof") continue;
    if (key == "status" && (value == "ARCHIVED" || value == "DELETED")) continue;
    return invalid_param(key, "", "Archived " + noun + " can't be changed",
                         "This " + noun + " is archived: only its name can be changed, and it can be deleted. " + key +
                             " can't be changed.");
  }
  return std::nullopt;
}

std::optional<GraphError> check_parent_kept(const nlohmann::json& object, const ParamMap& params, const std::string& field,
                                            const std::string& noun, const std::string& parent_noun) {
  const auto wanted = param(params, field);
  if (!wanted || *wanted == core::string_or_empty(object, field)) return std::nullopt;
  return invalid_param(field, "", capitalized(parent_noun) + " can't be changed",
                       field + " can't be changed: an " + noun +
                           " can't move to another " + parent_noun + "; copy it there with POST /" +
                           core::string_or_empty(object, "id") + "/copies?" + field + "=" + *wanted + ".");
}

}  // namespace fbmcp::fake
