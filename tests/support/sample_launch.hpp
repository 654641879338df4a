// launch_ad's args for a whole traffic ad in the USD fixture account (campaign, ad set, creative from the fixture
// page and image), shared by the tests that launch, roll back or journal one.
#pragma once
#include <nlohmann/json.hpp>
#include <string>

namespace fbmcp::testing {

inline nlohmann::json sample_launch_args(const std::string& name = "Winter Boots 2026") {
  using nlohmann::json;
  return {{"ad_account_id", "act_1029384756102938"},
          {"name", name},
          {"campaign", {{"objective", "OUTCOME_TRAFFIC"}, {"special_ad_categories", json::array()},
                        {"daily_budget", {{"amount", "30.00"}}}}},
          {"adset", {{"optimization_goal", "LINK_CLICKS"}, {"billing_event", "IMPRESSIONS"},
                     {"targeting", {{"geo_locations", {{"countries", {"US"}}}}, {"age_min", 25}, {"age_max", 54}}}}},
          {"creative", {{"page_id", "104857600000001"}, {"link", "https://shop.example.com/winter-boots"},
                        {"message", "Warm feet, all winter."}, {"headline", "Winter boots: 20% off"},
                        {"image_hash", "fe5067706fde605fcc635835a1e52fc8"}, {"call_to_action_type", "SHOP_NOW"}}}};
}

// The same launch with a call to action Meta refuses (fake/rules/creative_rules.cpp), which launch_ad's pre-flight
// does not check: the creative step fails inside the batch, after the campaign and ad set were made.
inline nlohmann::json sample_launch_failing_at_the_creative(const std::string& name = "Winter Boots 2026") {
  auto args = sample_launch_args(name);
  args["creative"]["call_to_action_type"] = "CLICK_HERE";
  return args;
}

}  // namespace fbmcp::testing
