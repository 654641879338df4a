// get_insights' canonical metrics (ops/insights/canonical_metrics.hpp): one count per conversion family however many
// alias action types Meta reports it under, exact money, ratios only where the denominator is not zero.
#include <catch2/catch.hpp>

#include "ops/insights/canonical_metrics.hpp"

using namespace fbmcp;
using nlohmann::json;

TEST_CASE("a conversion reported under every alias of its family counts once", "[insights]") {
  const json row = {{"impressions", "1000"}, {"reach", "400"}, {"clicks", "20"}, {"inline_link_clicks", "15"},
                    {"spend", "12.34"},
                    {"actions", {{{"action_type", "purchase"}, {"value", "5"}},
                                 {{"action_type", "omni_purchase"}, {"value", "5"}},
                                 {{"action_type", "offsite_conversion.fb_pixel_purchase"}, {"value", "5"}},
                                 {{"action_type", "lead"}, {"value", "2"}},
                                 {{"action_type", "onsite_conversion.lead_grouped"}, {"value", "2"}},
                                 {{"action_type", "link_click"}, {"value", "15"}}}},
                    {"action_values", {{{"action_type", "omni_purchase"}, {"value", "100.00"}},
                                       {{"action_type", "purchase"}, {"value", "100.00"}}}}};
  ops::CanonicalOptions options;
  options.currency = "USD";
  options.level = "account";
  std::map<std::string, std::string> chosen;
  const auto counts = ops::counts_of_row(row, options, &chosen);
  CHECK(counts.conversions.at("purchase") == 5);
  CHECK(counts.conversions.at("lead") == 2);
  CHECK(chosen.at("purchase") == "omni_purchase");
  CHECK(chosen.at("lead") == "lead");
  CHECK(counts.spend_minor == 1234);
  CHECK(counts.revenue_minor == 10000);
  const auto metrics = ops::canonical_metrics(counts, options);
  CHECK(metrics["spend"] == "12.34");
  CHECK(metrics["ctr"] == "2.00");
  CHECK(metrics["cpc"] == "0.62");
  CHECK(metrics["cpm"] == "12.34");
  CHECK(metrics["frequency"] == "2.50");
  CHECK(metrics["roas"] == "8.10");
  CHECK(metrics["cost_per_conversion"]["purchase"] == "2.47");
}

TEST_CASE("attribution windows: the widest click window asked plus the widest view window asked", "[insights]") {
  const json row = {{"spend", "10.00"},
                    {"actions", {{{"action_type", "omni_purchase"}, {"value", "9"}, {"1d_click", "4"}, {"7d_click", "7"},
                                  {"1d_view", "2"}, {"7d_view", "3"}}}}};
  ops::CanonicalOptions options;
  options.currency = "USD";
  options.windows = {"1d_click", "7d_click", "1d_view"};
  CHECK(ops::counts_of_row(row, options).conversions.at("purchase") == 9);
  options.windows = {"1d_click"};
  CHECK(ops::counts_of_row(row, options).conversions.at("purchase") == 4);
}

TEST_CASE("ratios are left out where the denominator is zero; unreadable numbers count as zero", "[insights]") {
  const json row = {{"impressions", "0"}, {"clicks", "not a number"}, {"spend", "0.00"}};
  ops::CanonicalOptions options;
  options.currency = "JPY";
  const auto metrics = ops::canonical_metrics(ops::counts_of_row(row, options), options);
  CHECK_FALSE(metrics.contains("ctr"));
  CHECK_FALSE(metrics.contains("cpc"));
  CHECK_FALSE(metrics.contains("cpm"));
  CHECK(metrics["clicks"] == 0);
  CHECK(metrics["spend"] == "0");
}
