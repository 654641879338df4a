#include "fake/rules/write_rules.hpp"

#include "fake/rules/account_rules.hpp"
#include "fake/rules/ad_rules.hpp"
#include "fake/rules/adset_rules.hpp"
#include "fake/rules/audience_rules.hpp"
#include "fake/rules/campaign_rules.hpp"
#include "fake/rules/creative_rules.hpp"
#include "fake/rules/saved_audience_rules.hpp"

namespace fbmcp::fake {
namespace {

constexpr CreateRule kCreateRules[] = {
    {"adaccount", "campaigns", "campaign", build_campaign},
    {"adaccount", "adsets", "adset", build_adset},
    {"adaccount", "ads", "ad", build_ad},
    {"adaccount", "adcreatives", "adcreative", build_creative},
    {"adaccount", "customaudiences", "customaudience", build_custom_audience},
    {"adaccount", "saved_audiences", "savedaudience", build_saved_audience},
};

constexpr UpdateRule kUpdateRules[] = {
    {"campaign", apply_campaign_update},
    {"adset", apply_adset_update},
    {"ad", apply_ad_update},
    {"adcreative", apply_creative_update},
    {"adaccount", apply_account_update},
};

}  // namespace

const CreateRule* find_create_rule(const std::string& parent_type, const std::string& edge) {
  for (const auto& rule : kCreateRules) {
    if (parent_type == rule.parent_type && edge == rule.edge) return &rule;
  }
  return nullptr;
}

const UpdateRule* find_update_rule(const std::string& type) {
  for (const auto& rule : kUpdateRules) {
    if (type == rule.type) return &rule;
  }
  return nullptr;
}

// Creatives too: AdCreative has api_delete (PSDK adobjects/adcreative.py); launch_ad's rollback removes the one it
// made. Whether Meta refuses to delete a creative an ad still shows is not documented; the emulator allows it.
bool can_delete(const std::string& type) {
  return type == "campaign" || type == "adset" || type == "ad" || type == "adcreative";
}

}  // namespace fbmcp::fake
