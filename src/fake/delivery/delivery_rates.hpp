// What a day's spend buys an ad: impressions from a CPM that depends on the objective and the country, clicks from
// a CTR, then the actions its objective produces. The figures are plausible market averages, not Meta's: the
// emulator needs numbers that behave like delivery (more spend, more results; CPM higher in the US than elsewhere),
// not any particular advertiser's.
#pragma once
#include <string>

#include "fake/delivery/delivery_counts.hpp"
#include "fake/delivery/seeded_random.hpp"

namespace fbmcp::fake::delivery {

struct DeliveryTraits {
  std::string objective;  // the campaign's, e.g. OUTCOME_SALES (legacy objectives map to their outcome)
  std::string country;    // ISO code of the first targeted country
  std::string currency;   // the account's
};

// Everything but spend follows from it; `random` is keyed by ad and day.
Counts results_of_spend(int64_t spend_minor, const DeliveryTraits& traits, SeededRandom& random);

// How many minor units of `currency` a US dollar is worth, roughly (JPY has no minor unit: offset 1).
double minor_units_per_dollar(const std::string& currency);

}  // namespace fbmcp::fake::delivery
