// What the live-path fault tests share: arming fake-graph faults, calling ops, counting objects by name. Header-only:
// it uses Catch2, which tests/support (also linked into the benchmarks) may not.
#pragma once
#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>
#include <string>

#include "fake/fault_plan.hpp"
#include "support/fake_services.hpp"

namespace fbmcp::testing {

inline constexpr const char* kUsdAccount = "act_1029384756102938";
inline constexpr const char* kActiveCampaign = "120210000000000001";  // ACTIVE, USD, daily budget

// Adds a fault (the JSON syntax of src/fake/fault_plan.hpp); fails the test when the spec does not parse.
inline void arm(HttpWorld& world, const nlohmann::json& spec) {
  auto fault = fake::parse_fault(spec);
  INFO("fault " << spec.dump());
  REQUIRE(fault);
  world.server->faults().add(*fault);
}

// Calls an op through the router; the canary token must never show in what the agent sees.
inline tool::ToolResult call_op(HttpWorld& world, const std::string& op, const nlohmann::json& args) {
  auto result = call(*world.services, op, args);
  CHECK(result.text.find(kCanaryToken) == std::string::npos);
  CHECK(result.structured.dump().find(kCanaryToken) == std::string::npos);
  return result;
}

// How many campaigns named `name` the emulator holds in kUsdAccount, whatever their status.
inline size_t campaigns_named(HttpWorld& world, const std::string& name) {
  const nlohmann::json filtering = {{{"field", "name"}, {"operator", "EQUAL"}, {"value", name}}};
  auto answer = world.emulator->handle(
      "GET", std::string(kUsdAccount) + "/campaigns",
      {{"filtering", filtering.dump()},
       {"effective_status", R"(["ACTIVE","PAUSED","ARCHIVED","DELETED","IN_PROCESS","WITH_ISSUES"])"},
       {"limit", "500"}});
  const auto body = nlohmann::json::parse(answer.body, nullptr, false);
  REQUIRE(body.contains("data"));
  return body["data"].size();
}

// create_campaign args in kUsdAccount with a daily budget.
inline nlohmann::json create_campaign_args(const std::string& name) {
  return {{"ad_account_id", kUsdAccount},
          {"name", name},
          {"objective", "OUTCOME_TRAFFIC"},
          {"special_ad_categories", nlohmann::json::array()},
          {"daily_budget", {{"amount", "25.00"}}}};
}

// The campaign's configured status as the emulator holds it.
inline std::string campaign_status(HttpWorld& world, const std::string& id) {
  auto answer = world.emulator->handle("GET", id, {{"fields", "status,name"}});
  const auto body = nlohmann::json::parse(answer.body, nullptr, false);
  return body.is_object() && body.contains("status") ? body["status"].get<std::string>() : "";
}

}  // namespace fbmcp::testing
