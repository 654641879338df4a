// How an agent sees a custom audience: id, name, subtype, approximate size, and Graph's delivery and operation
// statuses ({code, description}) as Graph words them, plus the lookalike spec or customer file source when there is
// one. One place, so list_audiences, get_audience and the write ops show the same thing.
#pragma once
#include <nlohmann/json.hpp>
#include <string>

#include "core/error.hpp"
#include "tool/op_context.hpp"

namespace fbmcp::ops {

// Graph fields every audience view asks for.
inline constexpr const char* kAudienceFields =
    "id,account_id,name,subtype,description,approximate_count_lower_bound,approximate_count_upper_bound,delivery_status,"
    "operation_status,customer_file_source,lookalike_spec,retention_days,time_updated";

// A Graph CustomAudience as a row: known fields copied when present, the size as one "people" range, statuses kept.
nlohmann::json audience_row(const nlohmann::json& audience);

// GET /<audience_id> with kAudienceFields (InvalidArgs at args.audience_id when Graph does not know it).
core::Result<nlohmann::json> fetch_audience(tool::OpContext& ctx, const std::string& audience_id);

// "1,300,000–1,534,000 people" or "size not known yet".
std::string audience_size_text(const nlohmann::json& row);

}  // namespace fbmcp::ops
