#include "tool/op_context.hpp"

#include <algorithm>

#include "graph/json_fields.hpp"

namespace fbmcp::tool {

core::Result<std::string> normalize_account_id(const std::string& value, const std::string& path) {
  const std::string digits = value.rfind("act_", 0) == 0 ? value.substr(4) : value;
  if (digits.empty() || !std::all_of(digits.begin(), digits.end(), [](char c) { return c >= '0' && c <= '9'; })) {
    core::Error e{core::ErrorKind::InvalidArgs,
                  path + ": '" + value + "' is not an ad account id",
                  "use the id from list_ad_accounts, e.g. \"act_1234567890\" (the act_ prefix is optional)",
                  path,
                  std::nullopt,
                  nullptr};
    return std::unexpected(e);
  }
  return "act_" + digits;
}

core::Result<AccountFacts> AccountDirectory::get(const std::string& act_id) {
  {
    std::lock_guard lock(mutex_);
    if (auto it = cache_.find(act_id); it != cache_.end()) return it->second;
  }
  auto body = graph_.get(act_id, {{"fields", kFields}});
  if (!body) return std::unexpected(body.error());
  return remember(act_id, *body);
}

bool AccountDirectory::known(const std::string& act_id) {
  std::lock_guard lock(mutex_);
  return cache_.contains(act_id);
}

core::Result<AccountFacts> AccountDirectory::remember(const std::string& act_id, const nlohmann::json& body) {
  // Graph's answer, read checked: a field of another type is an error naming it, never an exception.
  const auto account_id = graph::read_string(body, "account_id");
  const auto name = graph::read_string(body, "name");
  const auto currency = graph::read_string(body, "currency");
  const auto status = graph::read_int(body, "account_status");
  for (const auto* problem : {account_id ? nullptr : &account_id.error(), name ? nullptr : &name.error(),
                              currency ? nullptr : &currency.error(), status ? nullptr : &status.error()}) {
    if (problem) return std::unexpected(graph::unexpected_shape(act_id, *problem));
  }
  if (!*currency || currency->value().empty()) {
    return std::unexpected(graph::unexpected_shape(act_id, "`currency` is missing; money cannot be read without it"));
  }
  AccountFacts facts{act_id, account_id->value_or(""), name->value_or(""), **currency,
                     static_cast<int>(status->value_or(0))};
  std::lock_guard lock(mutex_);
  cache_[act_id] = facts;
  return facts;
}

std::string cached_answer_warning(int64_t age_seconds) {
  return "answered from the local cache (asked Meta " + std::to_string(age_seconds) +
         " s ago); pass fresh: true to ask again";
}

}  // namespace fbmcp::tool
