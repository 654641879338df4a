#include "fake/delivery/delivery_engine.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>

#include "core/json_read.hpp"
#include "fake/delivery/delivery_rates.hpp"
#include "fake/delivery/seeded_random.hpp"

namespace fbmcp::fake::delivery {
namespace {

constexpr int64_t kForever = std::numeric_limits<int64_t>::max();
constexpr int64_t kOpenEndedLifetimeDays = 30;

int64_t budget_number(const std::string& text) {
  if (text.empty() || text.size() > 15 || !std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; })) {
    return 0;
  }
  return std::stoll(text);
}

std::vector<Interval> window_between(const nlohmann::json& data, const char* start_field, const char* end_field) {
  const int64_t start = time_field(data, start_field, std::numeric_limits<int64_t>::min());
  const int64_t end = time_field(data, end_field, kForever);
  if (start >= end) return {};
  return {{start, end}};
}

std::string first_country(const nlohmann::json& adset) {
  const auto& targeting = adset.value("targeting", nlohmann::json::object());
  if (!targeting.is_object()) return "US";
  const auto& geo = targeting.value("geo_locations", nlohmann::json::object());
  if (geo.is_object()) {
    const auto& countries = geo.value("countries", nlohmann::json::array());
    if (countries.is_array() && !countries.empty() && countries[0].is_string()) return countries[0].get<std::string>();
    for (const char* kind : {"regions", "cities"}) {
      const auto& places = geo.value(kind, nlohmann::json::array());
      if (places.is_array() && !places.empty() && places[0].is_object()) {
        const auto code = core::string_or_empty(places[0], "country");
        if (!code.empty()) return code;
      }
    }
  }
  return "US";
}

int64_t schedule_days(int64_t start, int64_t end) {
  if (end == kForever || start == std::numeric_limits<int64_t>::min() || end <= start) return kOpenEndedLifetimeDays;
  return std::max<int64_t>(1, (end - start + kSecondsPerDay - 1) / kSecondsPerDay);
}

}  // namespace

double delivery_weight(const std::string& id) {
  return 1.0 + static_cast<double>(hash_text(id, 0x5eed) % 2001) / 1000.0;
}

std::vector<int64_t> apportion(int64_t total, const std::vector<double>& weights) {
  std::vector<int64_t> parts(weights.size(), 0);
  if (weights.empty()) return parts;
  const double sum = std::accumulate(weights.begin(), weights.end(), 0.0);
  if (!(sum > 0)) {
    parts[0] = total;
    return parts;
  }
  std::vector<std::pair<double, size_t>> remainders;
  remainders.reserve(weights.size());
  int64_t given = 0;
  for (size_t i = 0; i < weights.size(); ++i) {
    const double exact = static_cast<double>(total) * (weights[i] / sum);
    parts[i] = static_cast<int64_t>(std::floor(exact));
    given += parts[i];
    remainders.emplace_back(exact - std::floor(exact), i);
  }
  std::stable_sort(remainders.begin(), remainders.end(),
                   [](const auto& a, const auto& b) { return a.first > b.first; });
  // Floating point can leave the floors a little off either way: settle the difference one unit at a time.
  for (size_t k = 0; given < total; k = (k + 1) % remainders.size(), ++given) ++parts[remainders[k].second];
  for (size_t k = remainders.size(); given > total && k-- > 0;) {
    const size_t i = remainders[k].second;  // the smallest remainders give a unit back first
    if (parts[i] > 0) --parts[i], --given;
  }
  return parts;
}

DeliveryEngine::DeliveryEngine(const ObjectStore& store, const Node& account, int64_t now, Day first, Day last)
    : store_(store), account_(account), now_(now), first_(first), last_(std::max(first, last)) {
  clock_ = clock_of_account(account.data);
  const auto& status = account.data.value("account_status", nlohmann::json(1));
  account_active_ = status.is_number_integer() && status.get<int>() == 1;  // 1 = ACTIVE (Meta SDK AdAccount)
  nothing_.assign(static_cast<size_t>(last_ - first_ + 1), Counts{});
}

int64_t DeliveryEngine::day_end(Day day) const { return std::min(clock_.start_of(day + 1), now_); }

std::vector<Interval> DeliveryEngine::campaign_window(const Node& campaign) const {
  const int64_t from = clock_.start_of(first_);
  const int64_t to = std::min(clock_.start_of(last_ + 1), now_);
  return intersect(active_intervals(campaign.data, from, to), window_between(campaign.data, "start_time", "stop_time"));
}

const DeliveryEngine::Activity& DeliveryEngine::activity(const Node& adset) {
  const std::string id = core::string_or_empty(adset.data, "id");
  if (const auto found = activity_.find(id); found != activity_.end()) return found->second;
  Activity& act = activity_[id];
  const Node* campaign = store_.find(core::string_or_empty(adset.data, "campaign_id"));
  if (!account_active_ || !campaign) return act;
  const int64_t from = clock_.start_of(first_);
  const int64_t to = std::min(clock_.start_of(last_ + 1), now_);
  const auto adset_window =
      intersect(intersect(active_intervals(adset.data, from, to), window_between(adset.data, "start_time", "end_time")),
                campaign_window(*campaign));
  act.ads = store_.select("ad", [&](const Node& n) { return core::string_or_empty(n.data, "adset_id") == id; });
  // Oldest first, so the split of a day's spend does not depend on the store's listing order.
  std::sort(act.ads.begin(), act.ads.end(), [](const Node* a, const Node* b) {
    return core::string_or_empty(a->data, "id") < core::string_or_empty(b->data, "id");
  });
  for (const Node* ad : act.ads) {
    const std::string review = core::string_or_empty(ad->data, "effective_status");
    if (review == "PENDING_REVIEW" || review == "DISAPPROVED") {
      act.ad_active.emplace_back();
      continue;
    }
    act.ad_active.push_back(intersect(active_intervals(ad->data, from, to), adset_window));
  }
  return act;
}

double DeliveryEngine::adset_share_of_day(const Node& adset, Day day) {
  const Activity& act = activity(adset);
  const int64_t begin = clock_.start_of(day);
  double share = 0;
  for (const auto& intervals : act.ad_active) {
    share = std::max(share, static_cast<double>(overlap_seconds(intervals, begin, day_end(day))) / kSecondsPerDay);
  }
  return share;
}

int64_t DeliveryEngine::adset_day_budget(const Node& adset, const Node& campaign, Day day) {
  const int64_t at = std::max(clock_.start_of(day), std::min(clock_.start_of(day) + kSecondsPerDay / 2, now_ - 1));
  const int64_t campaign_daily = budget_number(value_at(campaign.data, "daily_budget", at));
  const int64_t campaign_lifetime = budget_number(value_at(campaign.data, "lifetime_budget", at));
  if (campaign_daily > 0 || campaign_lifetime > 0) {
    // Campaign budget optimisation: the campaign's budget goes to the ad sets delivering that day.
    const std::string campaign_id = core::string_or_empty(campaign.data, "id");
    const auto siblings =
        store_.select("adset", [&](const Node& n) { return core::string_or_empty(n.data, "campaign_id") == campaign_id; });
    double total_weight = 0;
    int64_t latest_end = std::numeric_limits<int64_t>::min();
    for (const Node* sibling : siblings) {
      if (adset_share_of_day(*sibling, day) > 0) total_weight += delivery_weight(core::string_or_empty(sibling->data, "id"));
      latest_end = std::max(latest_end, time_field(sibling->data, "end_time", kForever));
    }
    if (!(total_weight > 0)) return 0;
    const double share = delivery_weight(core::string_or_empty(adset.data, "id")) / total_weight;
    if (campaign_daily > 0) return std::llround(campaign_daily * share);
    const int64_t end = time_field(campaign.data, "stop_time", latest_end);
    const int64_t days = schedule_days(time_field(campaign.data, "start_time", time_field(campaign.data, "created_time", 0)), end);
    return std::llround(static_cast<double>(campaign_lifetime) / days * share);
  }
  const int64_t daily = budget_number(value_at(adset.data, "daily_budget", at));
  if (daily > 0) return daily;
  const int64_t lifetime = budget_number(value_at(adset.data, "lifetime_budget", at));
  if (lifetime <= 0) return 0;
  const int64_t days = schedule_days(time_field(adset.data, "start_time", time_field(adset.data, "created_time", 0)),
                                     time_field(adset.data, "end_time", kForever));
  return lifetime / days;
}

const DeliveryEngine::AdsetDays& DeliveryEngine::adset_days(const Node& adset) {
  const std::string id = core::string_or_empty(adset.data, "id");
  if (const auto found = adsets_.find(id); found != adsets_.end()) return found->second;
  AdsetDays& result = adsets_[id];
  const Activity& act = activity(adset);
  result.ads = act.ads;
  const size_t days = static_cast<size_t>(last_ - first_ + 1);
  result.per_ad.assign(act.ads.size(), std::vector<Counts>(days, Counts{}));
  const Node* campaign = store_.find(core::string_or_empty(adset.data, "campaign_id"));
  if (!campaign || act.ads.empty()) return result;
  DeliveryTraits traits{core::string_or_empty(campaign->data, "objective"), first_country(adset.data),
                        core::string_or_empty(account_.data, "currency")};
  for (Day day = first_; day <= last_; ++day) {
    const int64_t begin = clock_.start_of(day);
    std::vector<double> ad_share(act.ads.size(), 0.0);
    double adset_share = 0;
    for (size_t i = 0; i < act.ads.size(); ++i) {
      ad_share[i] = static_cast<double>(overlap_seconds(act.ad_active[i], begin, day_end(day))) / kSecondsPerDay;
      adset_share = std::max(adset_share, ad_share[i]);
    }
    if (!(adset_share > 0)) continue;
    const int64_t budget = adset_day_budget(adset, *campaign, day);
    if (budget <= 0) continue;
    SeededRandom pacing(hash_text(id, static_cast<uint64_t>(day) * 0x9E3779B97F4A7C15ULL));
    const int64_t spend = std::llround(static_cast<double>(budget) * pacing.between(0.72, 1.25) * adset_share);
    std::vector<double> weights(act.ads.size());
    for (size_t i = 0; i < act.ads.size(); ++i) {
      weights[i] = delivery_weight(core::string_or_empty(act.ads[i]->data, "id")) * ad_share[i];
    }
    const auto parts = apportion(spend, weights);
    for (size_t i = 0; i < act.ads.size(); ++i) {
      if (parts[i] <= 0) continue;
      SeededRandom random(hash_text(core::string_or_empty(act.ads[i]->data, "id"), static_cast<uint64_t>(day) + 0x1234567ULL));
      result.per_ad[i][static_cast<size_t>(day - first_)] = results_of_spend(parts[i], traits, random);
    }
  }
  return result;
}

const std::vector<Counts>& DeliveryEngine::ad_days(const Node& ad) {
  const Node* adset = store_.find(core::string_or_empty(ad.data, "adset_id"));
  if (!adset) return nothing_;
  const AdsetDays& days = adset_days(*adset);
  for (size_t i = 0; i < days.ads.size(); ++i) {
    if (days.ads[i] == &ad) return days.per_ad[i];
  }
  return nothing_;
}

}  // namespace fbmcp::fake::delivery
