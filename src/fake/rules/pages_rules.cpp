#include "fake/rules/pages_rules.hpp"

#include <algorithm>

#include "crypto/digest.hpp"

namespace fbmcp::fake {
namespace {

constexpr const char* kPageTokenPrefix = "EAAPage";

bool page_rules_all_digits(const std::string& text) {
  return !text.empty() && std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; });
}

}  // namespace

std::string page_token_for(const std::string& user_token, const std::string& page_id) {
  return kPageTokenPrefix + page_id + "Z" +
         crypto::sha256_hex("fake page token\n" + user_token + "\n" + page_id).substr(0, 24);
}

std::string page_of_token(const std::string& token) {
  const std::string prefix = kPageTokenPrefix;
  if (token.compare(0, prefix.size(), prefix) != 0) return {};
  const auto z = token.find('Z', prefix.size());
  if (z == std::string::npos || token.size() != z + 1 + 24) return {};
  const auto page = token.substr(prefix.size(), z - prefix.size());
  return page_rules_all_digits(page) ? page : std::string();
}

void add_page_tokens(nlohmann::json& body, const ParamMap& params) {
  const auto fields = param(params, "fields").value_or("");
  if (fields.find("access_token") == std::string::npos || !body.contains("data") || !body["data"].is_array()) return;
  const auto user_token = param(params, "access_token").value_or("");
  for (auto& row : body["data"]) {
    if (row.is_object() && row.contains("id") && row["id"].is_string()) {
      row["access_token"] = page_token_for(user_token, row["id"].get<std::string>());
    }
  }
}

void add_own_page_token(nlohmann::json& body, const ParamMap& params, const std::string& page_id,
                        const nlohmann::json* caller) {
  const auto fields = param(params, "fields").value_or("");
  if (fields.find("access_token") == std::string::npos || !caller || !body.is_object()) return;
  const auto user_token = param(params, "access_token").value_or("");
  if (page_of_token(user_token) == page_id) {
    body["access_token"] = user_token;
    return;
  }
  const auto accounts = caller->value("accounts", nlohmann::json::array());
  if (std::find(accounts.begin(), accounts.end(), page_id) == accounts.end()) return;
  body["access_token"] = page_token_for(user_token, page_id);
}

std::optional<GraphError> check_page_token_scope(const ParamMap& params, const std::string& method,
                                                 const std::string& object_id) {
  const auto page = page_of_token(param(params, "access_token").value_or(""));
  if (page.empty()) return std::nullopt;
  // A page's posts are "<page_id>_<post_id>" (object_story_id, graph-api-facts.md "POST /act_<id>/adcreatives").
  if (object_id == page || object_id.rfind(page + "_", 0) == 0) return std::nullopt;
  return unsupported_request(method, object_id);
}

}  // namespace fbmcp::fake
