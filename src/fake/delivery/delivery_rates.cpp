#include "fake/delivery/delivery_rates.hpp"

#include <algorithm>
#include <map>

namespace fbmcp::fake::delivery {
namespace {

struct ObjectiveProfile {
  double cpm_dollars;
  double ctr;              // clicks per impression
  double video_rate;       // video views per impression
  double landing_rate;     // landing page views per link click (0: the objective sends nobody to a site)
  int family;              // conversion family counted, or -1
  double conversion_rate;  // 7-day-click conversions per link click
};

enum Outcome { kSales, kLeads, kTraffic, kAwareness, kEngagement, kApp };

constexpr ObjectiveProfile kProfiles[] = {
    /* sales      */ {14.0, 0.013, 0.03, 0.72, kPurchase, 0.05},
    /* leads      */ {11.0, 0.011, 0.03, 0.70, kLead, 0.09},
    /* traffic    */ {8.0, 0.018, 0.03, 0.75, -1, 0},
    /* awareness  */ {4.0, 0.005, 0.22, 0, -1, 0},
    /* engagement */ {6.0, 0.014, 0.15, 0, -1, 0},
    /* app        */ {10.0, 0.012, 0.05, 0, kAppInstall, 0.07},
};

Outcome outcome_of(const std::string& objective) {
  // Legacy objectives (Meta SDK Campaign.Objective) deliver like the outcome they were folded into in 2023.
  static const std::map<std::string, Outcome> kOutcomes = {
      {"OUTCOME_SALES", kSales},        {"CONVERSIONS", kSales},         {"PRODUCT_CATALOG_SALES", kSales},
      {"OUTCOME_LEADS", kLeads},        {"LEAD_GENERATION", kLeads},     {"OUTCOME_TRAFFIC", kTraffic},
      {"LINK_CLICKS", kTraffic},        {"OUTCOME_AWARENESS", kAwareness}, {"REACH", kAwareness},
      {"BRAND_AWARENESS", kAwareness},  {"OUTCOME_ENGAGEMENT", kEngagement}, {"POST_ENGAGEMENT", kEngagement},
      {"VIDEO_VIEWS", kEngagement},     {"PAGE_LIKES", kEngagement},     {"OUTCOME_APP_PROMOTION", kApp},
      {"APP_INSTALLS", kApp}};
  const auto found = kOutcomes.find(objective);
  return found == kOutcomes.end() ? kTraffic : found->second;
}

double country_factor(const std::string& country) {
  static const std::map<std::string, double> kFactors = {{"US", 1.0},  {"CA", 0.85}, {"GB", 0.9}, {"AU", 0.9},
                                                         {"DE", 0.8},  {"FR", 0.75}, {"NL", 0.8}, {"JP", 0.95},
                                                         {"ES", 0.6},  {"IT", 0.6},  {"BR", 0.35}, {"IN", 0.2}};
  const auto found = kFactors.find(country);
  return found == kFactors.end() ? 0.5 : found->second;
}

}  // namespace

double minor_units_per_dollar(const std::string& currency) {
  static const std::map<std::string, double> kRates = {{"USD", 100}, {"EUR", 92}, {"GBP", 79},  {"CAD", 137},
                                                       {"AUD", 152}, {"JPY", 150}, {"CHF", 88}, {"SEK", 1050},
                                                       {"KRW", 1380}, {"INR", 8300}, {"BRL", 500}, {"MXN", 1700}};
  const auto found = kRates.find(currency);
  return found == kRates.end() ? 100 : found->second;
}

Counts results_of_spend(int64_t spend_minor, const DeliveryTraits& traits, SeededRandom& random) {
  Counts c{};
  if (spend_minor <= 0) return c;
  const ObjectiveProfile& p = kProfiles[outcome_of(traits.objective)];
  c[kSpend] = spend_minor;
  const double cpm_minor =
      p.cpm_dollars * country_factor(traits.country) * minor_units_per_dollar(traits.currency) * random.between(0.85, 1.15);
  c[kImpressions] = random.round_randomly(static_cast<double>(spend_minor) * 1000.0 / cpm_minor);
  const int64_t impressions = c[kImpressions];
  c[kReach] = std::min(impressions, random.round_randomly(impressions / random.between(1.08, 1.45)));
  c[kClicks] = std::min(impressions, random.round_randomly(impressions * p.ctr * random.between(0.8, 1.2)));
  c[kLinkClicks] = std::min(c[kClicks], random.round_randomly(c[kClicks] * random.between(0.55, 0.8)));
  c[kLandingPageViews] = std::min(c[kLinkClicks], random.round_randomly(c[kLinkClicks] * p.landing_rate));
  c[kVideoViews] = random.round_randomly(impressions * p.video_rate * random.between(0.8, 1.2));
  c[kPostEngagement] = c[kClicks] + c[kVideoViews] + random.round_randomly(impressions * 0.004);
  if (p.family >= 0) {
    const auto family = static_cast<Family>(p.family);
    const int64_t click7 = random.round_randomly(c[kLinkClicks] * p.conversion_rate * random.between(0.7, 1.3));
    const int64_t click1 = std::min(click7, random.round_randomly(click7 * 0.78));
    const int64_t click28 = std::max(click7, random.round_randomly(click7 * 1.12));
    // View-through conversions: about 15% of what the default setting counts.
    const int64_t view1 = random.round_randomly(click7 * random.between(0.12, 0.22));
    const int64_t view7 = std::max(view1, random.round_randomly(view1 * 1.6));
    const int64_t view28 = std::max(view7, random.round_randomly(view1 * 2.1));
    const int64_t by_window[kWindowCount] = {click1, click7, click28, view1, view7, view28};
    const double order_value = 75.0 * minor_units_per_dollar(traits.currency) * random.between(0.8, 1.2);
    for (int w = 0; w < kWindowCount; ++w) {
      c[conversion_index(family, static_cast<Window>(w))] = by_window[w];
      if (family == kPurchase) c[purchase_value_index(static_cast<Window>(w))] = std::llround(by_window[w] * order_value);
    }
  }
  return c;
}

}  // namespace fbmcp::fake::delivery
