#include "mcp/completion.hpp"
#include "core/text.hpp"

#include <algorithm>

#include "core/json_read.hpp"

namespace fbmcp::mcp {
namespace {

constexpr size_t kMaxValues = 100;  // the spec's cap per response

// Ids whose id or name starts with / contains what the user typed so far.
nlohmann::json matching_ids(const nlohmann::json& items, const std::string& typed) {
  auto values = nlohmann::json::array();
  const auto needle = core::ascii_lower(typed);
  for (const auto& item : items) {
    const auto* id_field = core::find_field(item, "id");
    if (!id_field || !id_field->is_string()) continue;
    const std::string& id = id_field->get_ref<const std::string&>();
    const auto* name_field = core::find_field(item, "name");
    const std::string name = name_field && name_field->is_string() ? name_field->get<std::string>() : "";
    // Ad account ids match with or without their act_ prefix, as ops accept both.
    const bool id_match = id.rfind(typed, 0) == 0 || (id.rfind("act_", 0) == 0 && id.compare(4, typed.size(), typed) == 0);
    if (needle.empty() || id_match || core::ascii_lower(name).find(needle) != std::string::npos) {
      values.push_back(id);
    }
  }
  return values;
}

nlohmann::json list_items(const tool::Router& router, const nlohmann::json& call) {
  const auto result = router.call(call, {});
  const auto* data = core::find_field(result.structured, "data");
  const auto* items = data ? core::find_field(*data, "items") : nullptr;
  return !result.is_error && items && items->is_array() ? *items : nlohmann::json::array();
}

}  // namespace

nlohmann::json complete_argument(const tool::Router& router, const CompleteRequest& request) {
  const std::string& name = request.argument;
  const std::string& typed = request.typed;
  // Context values are strings (parse_complete checked them).
  const auto& context = request.context;
  nlohmann::json values = nlohmann::json::array();
  if (name == "ad_account_id" || name == "account_id") {
    values = matching_ids(list_items(router, {{"op", "list_ad_accounts"}, {"args", {{"limit", 200}}}}), typed);
  } else if (name == "campaign_id") {
    const std::string account = context.value("ad_account_id", context.value("account_id", ""));
    if (!account.empty()) {
      values = matching_ids(
          list_items(router, {{"op", "list_campaigns"}, {"args", {{"ad_account_id", account}, {"limit", 200}}}}), typed);
    }
  }
  const size_t total = values.size();
  if (values.size() > kMaxValues) values.erase(values.begin() + kMaxValues, values.end());
  return {{"completion", {{"values", values}, {"total", total}, {"hasMore", total > kMaxValues}}}};
}

}  // namespace fbmcp::mcp
