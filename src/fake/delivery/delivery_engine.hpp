// The emulator's delivery: what every ad of one ad account delivered on each day of a range, derived only from
// the store (statuses and their history, schedules, budgets, objective, targeting) and a seeded generator keyed by
// ids and dates — the same question always gets the same answer, and nothing is stored.
//
// Rules (issue 10):
// - an ad delivers only while it, its ad set and its campaign are ACTIVE (change_history.hpp), within the ad set's
//   start/end and the campaign's start/stop time, after it was made, before "now", while the account is active,
//   and not while Meta reviews or has rejected it (PENDING_REVIEW, DISAPPROVED);
// - a day's spend follows the budget that governs it: the ad set's, or the campaign's split across its delivering
//   ad sets (campaign budget optimisation); a lifetime budget is spread evenly over its schedule (30 days when
//   open-ended); each day's spend lands between 72% and 125% of that (Meta may spend up to 25% over a daily budget
//   on a given day: Meta Business Help Center, "About daily budgets"), scaled by the part of the day the ad set ran;
// - an ad set's spend is split across its delivering ads (fixed weights per ad, scaled by the part of the day each
//   ran) with integer minor units, so Σ ads = ad set exactly;
// - everything else follows from spend (delivery_rates.hpp).
#pragma once
#include <map>
#include <string>
#include <vector>

#include "fake/delivery/change_history.hpp"
#include "fake/delivery/delivery_counts.hpp"
#include "fake/delivery/local_days.hpp"
#include "fake/object_store.hpp"

namespace fbmcp::fake::delivery {

class DeliveryEngine {
 public:
  // `account` is an adaccount node; days are [first, last] in its time zone; `now` is UTC seconds.
  DeliveryEngine(const ObjectStore& store, const Node& account, int64_t now, Day first, Day last);

  const AccountClock& clock() const { return clock_; }
  Day first() const { return first_; }
  Day last() const { return last_; }

  // The ad's counts for each day of the range (index 0 = first); all zero where it did not deliver.
  const std::vector<Counts>& ad_days(const Node& ad);

 private:
  struct AdsetDays {
    std::vector<const Node*> ads;
    std::vector<std::vector<Counts>> per_ad;  // [ad][day]
  };
  struct Activity {
    std::vector<const Node*> ads;
    std::vector<std::vector<Interval>> ad_active;  // when each ad could deliver
  };

  const AdsetDays& adset_days(const Node& adset);
  const Activity& activity(const Node& adset);
  std::vector<Interval> campaign_window(const Node& campaign) const;
  // The budget the ad set may spend on `day` before pacing (minor units), and whether any governs it.
  int64_t adset_day_budget(const Node& adset, const Node& campaign, Day day);
  double adset_share_of_day(const Node& adset, Day day);
  int64_t day_end(Day day) const;

  const ObjectStore& store_;
  const Node& account_;
  int64_t now_;
  Day first_;
  Day last_;
  AccountClock clock_;
  bool account_active_;
  std::map<std::string, AdsetDays> adsets_;
  std::map<std::string, Activity> activity_;
  std::vector<Counts> nothing_;
};

// The ad set's delivery weight among siblings, and an ad's within its ad set: fixed per id, 1.0–3.0.
double delivery_weight(const std::string& id);

// Splits `total` into integer parts proportional to `weights` (largest remainder; ties to the lower index), so the
// parts always sum to `total` exactly. All weights zero → everything in part 0.
std::vector<int64_t> apportion(int64_t total, const std::vector<double>& weights);

}  // namespace fbmcp::fake::delivery
