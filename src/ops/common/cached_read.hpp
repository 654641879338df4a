// Reading through the response cache (store/response_cache.hpp), the same way for every op that caches: the
// question is normalized by the op, `fresh: true` always asks Meta, and a cached answer says how old it is.
#pragma once
#include <cstdint>
#include <functional>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>

#include "core/error.hpp"
#include "tool/op_context.hpp"

namespace fbmcp::ops {

struct CachedRead {
  nlohmann::json value;
  std::optional<int64_t> cached_at;  // Unix seconds when the answer came from the cache; nullopt = asked Meta now
};

// `kind` names the op's answers ("insights"); `query` holds exactly the args that change the answer. Only a
// successful fetch is kept. Without a cache (a bare router in tests) this is just `fetch()`.
core::Result<CachedRead> read_through_cache(tool::OpContext& ctx, const std::string& kind, const nlohmann::json& query,
                                            int64_t max_age_seconds, bool fresh,
                                            const std::function<core::Result<nlohmann::json>()>& fetch);

// {"hit": true, "stored_at": "<UTC time>", "age_seconds": n, "max_age_seconds": m} for a result's data. The warning
// that the answer is from the cache, and how to ask again, the router adds to every result that used one.
nlohmann::json cache_note(const CachedRead& read, const tool::OpContext& ctx, int64_t max_age_seconds);

}  // namespace fbmcp::ops
