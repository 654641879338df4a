// A custom audience's size and statuses, as Graph reports them on the CustomAudience node: approximate_count_lower/
// upper_bound, delivery_status and operation_status ({code, description}: CustomAudienceStatus in
// facebook-nodejs-business-sdk src/objects/custom-audience-status.js). Written in one place so the codes can be
// corrected in one place.
#pragma once
#include <cstdint>
#include <nlohmann/json.hpp>

namespace fbmcp::fake {

// Meta will not deliver to an audience of fewer matched people than this (issue 11; Meta's help centre gives
// 1,000 as the minimum for a customer-list audience to be used).
inline constexpr int64_t kMinDeliverableAudience = 1000;

// Sets the approximate counts from the matched people (upper bound 18 % above, as the fixtures' audiences show) and
// the delivery status: ready (code 200, the fixtures' wording), or too small below kMinDeliverableAudience:
// {"code": 300, "description": "Audience is too small"}, as a public project recorded it from live Graph answers
// (its tests call it "the live finding": seven lookalikes, all undeliverable); Meta's reference gives no list of
// delivery_status codes.
void set_audience_size(nlohmann::json& audience, int64_t matched);

// operation_status {200, "Normal"} (the fixtures' wording).
nlohmann::json normal_operation_status();

// A lookalike still being built: no size yet. Meta's lookalike guide says lookalikes "can take 1-6 hours to fully
// populate", that ad sets may target them meanwhile, and points at the delivery status for this state
// (developers.facebook.com/docs/marketing-api/audiences/guides/lookalike-audiences) — so the emulator reports it in
// delivery_status and lets ad sets use the audience. Its code and wording are unverified: the same public project
// observed that a lookalike read right after creation "always answers 'Updating'", without saying in which field.
nlohmann::json populating_delivery_status();

}  // namespace fbmcp::fake
