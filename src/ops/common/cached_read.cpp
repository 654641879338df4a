#include "ops/common/cached_read.hpp"

#include "core/text.hpp"

namespace fbmcp::ops {

core::Result<CachedRead> read_through_cache(tool::OpContext& ctx, const std::string& kind, const nlohmann::json& query,
                                            int64_t max_age_seconds, bool fresh,
                                            const std::function<core::Result<nlohmann::json>()>& fetch) {
  // Canonical: nlohmann's objects keep their keys sorted, so equal questions dump equal text.
  const store::CacheKey key{ctx.cache_scope, kind, query.dump()};
  if (ctx.cache && !fresh) {
    if (auto hit = ctx.cache->get(key, max_age_seconds)) {
      if (!ctx.oldest_cached_answer || hit->stored_at < *ctx.oldest_cached_answer) ctx.oldest_cached_answer = hit->stored_at;
      return CachedRead{std::move(hit->value), hit->stored_at};
    }
  }
  auto fetched = fetch();
  if (!fetched) return std::unexpected(fetched.error());
  if (ctx.cache) ctx.cache->put(key, *fetched);
  return CachedRead{std::move(*fetched), std::nullopt};
}

nlohmann::json cache_note(const CachedRead& read, const tool::OpContext& ctx, int64_t max_age_seconds) {
  if (!read.cached_at || !ctx.cache) return {{"hit", false}, {"max_age_seconds", max_age_seconds}};
  return {{"hit", true},
          {"stored_at", core::utc_time(*read.cached_at, "")},
          {"age_seconds", ctx.cache->now() - *read.cached_at},
          {"max_age_seconds", max_age_seconds}};
}

}  // namespace fbmcp::ops
