#include "fake/rules/account_rules.hpp"

#include <set>

#include "core/json_read.hpp"
#include "money/money.hpp"

namespace fbmcp::fake {
namespace {

// "We limit you to changing your account spending limits 10 times per day … Number of changes to the ad account
// spend such as spend_cap, spend_cap_action fields are limited. Related error code: 17, Error subcode: 1885172"
// (FBD/marketing-api/overview/rate-limiting, "Ad Account Level Ad Spend Rate Limits"). Which clock the day follows
// is not documented; the emulator counts per UTC day.
constexpr int kSpendCapChangesPerDay = 10;
constexpr int kSpendCapThrottleCode = 17;
constexpr int kSpendCapThrottleSubcode = 1885172;
// Where the emulator keeps the day's count on the account node (never a Graph field).
constexpr const char* kSpendCapChangesKey = "__spend_cap_changes";

GraphError spend_cap_throttled() {
  GraphError e;
  e.code = kSpendCapThrottleCode;
  e.error_subcode = kSpendCapThrottleSubcode;
  e.message = "(#17) You can only change your account spending limit 10 times per day. Please wait to make more "
              "changes.";
  return e;
}

int64_t account_minor(const nlohmann::json& data, const char* field) {
  const std::string text = core::string_or_empty(data, field);
  try {
    return text.empty() ? 0 : std::stoll(text);
  } catch (...) {
    return 0;
  }
}

}  // namespace

WriteResult apply_account_update(WriteContext& ctx, const Node& node, const ParamMap& params) {
  static const std::set<std::string> kTransport = {"access_token", "appsecret_proof", "method", "format",
                                                    "suppress_http_code", "pretty", "fields", "execution_options"};
  for (const auto& [key, value] : params) {
    if (kTransport.count(key) || key == "spend_cap" || key == "spend_cap_action" || key == "name") continue;
    // The emulator models the account's spend cap and name; other account settings are Ads Manager's business.
    return std::unexpected(invalid_param(key, "The emulator does not update ad account field " + key));
  }
  auto data = node.data;
  const auto spend_cap = param(params, "spend_cap");
  const auto action = param(params, "spend_cap_action");
  if (auto name = param(params, "name")) {
    if (name->empty()) return std::unexpected(invalid_param("name", "The name can't be empty"));
    data["name"] = *name;
  }
  if (!spend_cap && !action) return data;
  if (spend_cap && action) {
    return std::unexpected(invalid_param("spend_cap_action", "Give spend_cap or spend_cap_action, not both"));
  }
  const std::string currency = core::string_or_empty(data, "currency");
  const int64_t spent = account_minor(data, "amount_spent");
  if (action) {
    // spend_cap_action: reset (the amount spent toward the limit starts again from 0) or delete (no limit)
    // (PSDK adaccount.py api_update param spend_cap_action, string; values as the ad-account reference names them).
    if (*action != "reset" && *action != "delete") {
      return std::unexpected(invalid_enum("spend_cap_action", *action, {"reset", "delete"}));
    }
  }
  int64_t new_cap = 0;
  if (spend_cap) {
    // Written in the currency's main unit ("a float"; PSDK/PHP SDK AdAccount update 'spend_cap' => 'float'; the
    // ad-account reference: "Value specified in basic unit of the currency"), read back in minor units. 0 = no cap.
    auto minor = money::to_minor_units(*spend_cap, currency);
    if (!minor || *minor < 0) {
      return std::unexpected(invalid_param("spend_cap", "Invalid spend cap", "Invalid spending limit",
                                           "The spending limit must be an amount in " + currency + ", e.g. 1500.00."));
    }
    new_cap = *minor;
    // A limit below what the account has already spent would stop it at once; Ads Manager refuses it, and so does
    // the emulator [recall: Meta's exact error for this is not in the reference pages; code 100 here].
    if (new_cap > 0 && new_cap <= spent) {
      auto spent_text = money::to_amount(spent, currency);
      return std::unexpected(invalid_param(
          "spend_cap", "Spending limit below amount spent", "Spending limit too low",
          "The spending limit must be more than the amount already spent (" + (spent_text ? *spent_text : std::to_string(spent)) +
              " " + currency + ")."));
    }
  }
  if (is_validate_only(params)) return data;

  // The day's count (what Meta throttles is the number of changes, successful ones).
  const std::string day = ctx.now.substr(0, 10);
  auto changes = data.value(kSpendCapChangesKey, nlohmann::json::object());
  const int used = changes.is_object() && core::string_or_empty(changes, "day") == day ? changes.value("count", 0) : 0;
  if (used >= kSpendCapChangesPerDay) return std::unexpected(spend_cap_throttled());
  data[kSpendCapChangesKey] = {{"day", day}, {"count", used + 1}};

  if (spend_cap) data["spend_cap"] = std::to_string(new_cap);
  if (action && *action == "delete") data["spend_cap"] = "0";
  if (action && *action == "reset") data["amount_spent"] = "0";
  return data;
}

}  // namespace fbmcp::fake
