#include "ops/common/parent_rules.hpp"

#include <set>

#include "graph/json_fields.hpp"

namespace fbmcp::ops {

std::map<std::string, core::Result<nlohmann::json>> read_parents(tool::OpContext& ctx, const ObjectKind& kind,
                                                                 const std::vector<std::string>& parent_ids) {
  std::map<std::string, core::Result<nlohmann::json>> parents;
  const std::set<std::string> distinct(parent_ids.begin(), parent_ids.end());
  std::vector<graph::GraphRequest> reads;
  std::vector<std::string> order;
  for (const auto& id : distinct) {
    if (id.empty()) continue;
    reads.push_back({"GET", id, {{"fields", kind.parent_fields}}});
    order.push_back(id);
  }
  if (reads.empty()) return parents;
  auto results = ctx.graph.batch(reads, true);
  for (size_t i = 0; i < order.size(); ++i) parents.emplace(order[i], std::move(results[i]));
  return parents;
}

core::Result<void> check_parent_rules(tool::OpContext& ctx, const ObjectKind& kind, const nlohmann::json& raw,
                                      const nlohmann::json& money, const std::string& currency,
                                      const std::string& prefix) {
  if (!kind.check_budget_owner || money.empty()) return {};
  const auto parent_id = graph::read_string(raw, kind.parent_id_field);
  if (!parent_id || !*parent_id) return {};  // no parent to ask: Graph decides
  auto parent = ctx.graph.get(**parent_id, {{"fields", kind.parent_fields}});
  if (!parent) return std::unexpected(parent.error());
  return kind.check_budget_owner(*parent, money, currency, prefix);
}

}  // namespace fbmcp::ops
