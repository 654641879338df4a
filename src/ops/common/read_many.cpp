#include "ops/common/read_many.hpp"

#include <algorithm>
#include <map>
#include <set>

#include "graph/json_fields.hpp"

namespace fbmcp::ops {
namespace {

constexpr size_t kIdsPerFilter = graph::GraphClient::kMaxBatchSize;

std::vector<graph::GraphRequest> reads_by_id(const std::vector<std::string>& ids, const std::string& fields) {
  std::vector<graph::GraphRequest> reads;
  for (const auto& id : ids) reads.push_back({"GET", id, {{"fields", fields}}});
  return reads;
}

// "act_<n>" of a read object, empty when Graph did not say.
std::string account_of(const nlohmann::json& object) {
  const auto account_id = graph::read_string(object, "account_id");
  return account_id && *account_id && !(*account_id)->empty() ? "act_" + **account_id : "";
}

// `GET act_<n>/<edge>?filtering=[{"field":"id","operator":"IN","value":[…]}]`: Graph's list filter (the edge's
// `filtering` parameter) answers only the listed ids of that account, at most one page of `limit`.
graph::GraphRequest filtered_read(const ObjectKind& kind, const std::string& act, const std::vector<std::string>& ids,
                                  const std::string& fields) {
  const nlohmann::json filter = nlohmann::json::array({{{"field", "id"}, {"operator", "IN"}, {"value", ids}}});
  return {"GET", act + "/" + kind.edge, {{"fields", fields}, {"filtering", filter.dump()}, {"limit", ids.size()}}};
}

// Rows of one filtered read, by id; a row that is not an object with a string id is left out (and so read again
// by id, where its shape is reported).
void collect_rows(const nlohmann::json& page, std::map<std::string, nlohmann::json>& found) {
  const auto data = page.find("data");
  if (data == page.end() || !data->is_array()) return;
  for (const auto& row : *data) {
    const auto id = graph::read_string(row, "id");
    if (id && *id) found.emplace(**id, row);
  }
}

}  // namespace

std::vector<core::Result<nlohmann::json>> read_many(tool::OpContext& ctx, const ObjectKind& kind,
                                                    const std::vector<std::string>& ids, const std::string& fields) {
  std::vector<core::Result<nlohmann::json>> out(ids.size(), std::unexpected(core::Error{}));
  const size_t first = std::min(ids.size(), graph::GraphClient::kMaxBatchSize);
  auto head = ctx.graph.batch(reads_by_id({ids.begin(), ids.begin() + first}, fields), true);
  std::set<std::string> accounts;
  for (size_t i = 0; i < first; ++i) {
    if (head[i]) {
      if (const auto act = account_of(*head[i]); !act.empty()) accounts.insert(act);
    }
    out[i] = std::move(head[i]);
  }
  if (first == ids.size() || kind.edge.empty() || accounts.empty()) {
    // Nothing left, or no account to ask: the rest by id.
    auto rest = ctx.graph.batch(reads_by_id({ids.begin() + first, ids.end()}, fields), true);
    for (size_t i = first; i < ids.size(); ++i) out[i] = std::move(rest[i - first]);
    return out;
  }

  // One batch: each account's facts not known yet, then each account's list filtered by the remaining ids.
  std::vector<graph::GraphRequest> reads;
  std::vector<std::string> account_reads;
  for (const auto& act : accounts) {
    if (ctx.accounts.known(act)) continue;
    reads.push_back({"GET", act, {{"fields", tool::AccountDirectory::kFields}}});
    account_reads.push_back(act);
  }
  for (const auto& act : accounts) {
    for (size_t at = first; at < ids.size(); at += kIdsPerFilter) {
      const size_t end = std::min(ids.size(), at + kIdsPerFilter);
      reads.push_back(filtered_read(kind, act, {ids.begin() + at, ids.begin() + end}, fields));
    }
  }
  auto answers = ctx.graph.batch(reads, true);
  for (size_t k = 0; k < account_reads.size(); ++k) {
    // An account that cannot be read now is read again (and its error reported) where its currency is needed.
    if (answers[k]) (void)ctx.accounts.remember(account_reads[k], *answers[k]);
  }
  std::map<std::string, nlohmann::json> found;
  for (size_t k = account_reads.size(); k < answers.size(); ++k) {
    if (answers[k]) collect_rows(*answers[k], found);
  }

  std::vector<std::string> missing;
  std::vector<size_t> missing_at;
  for (size_t i = first; i < ids.size(); ++i) {
    if (auto it = found.find(ids[i]); it != found.end()) {
      out[i] = it->second;
    } else {
      missing.push_back(ids[i]);
      missing_at.push_back(i);
    }
  }
  auto by_id = ctx.graph.batch(reads_by_id(missing, fields), true);
  for (size_t k = 0; k < missing.size(); ++k) out[missing_at[k]] = std::move(by_id[k]);
  return out;
}

}  // namespace fbmcp::ops
