// Answers an Insights query from the delivery engine: groups ad-days by level, time bucket and breakdown cell,
// adds the additive counts (so account = Σ campaigns = Σ ad sets = Σ ads, to the cent), deduplicates reach across
// days and ads, and writes rows as Graph does — numbers as strings, money in the account currency's major units,
// actions with their alias families, empty rows left out.
#pragma once
#include <nlohmann/json.hpp>
#include <vector>

#include "fake/delivery/insights_query.hpp"
#include "fake/object_store.hpp"
#include "fake/targeting/targeting_db.hpp"

namespace fbmcp::fake::delivery {

struct InsightsScope {
  const Node* account = nullptr;
  std::vector<const Node*> ads;  // every ad under the object read, deleted ones too: their past delivery counts
};

struct InsightsAnswer {
  // Every row, filtered and sorted, each kept as its JSON text: a large answer (90,000 daily ad rows) then takes a
  // tenth of the memory parsed objects would. Paging is the edge's business: it parses only the page it sends.
  std::vector<std::string> rows;
  nlohmann::json summary;            // null unless summary fields were asked for
};

// Ad-days × breakdown cells the query would examine: what decides whether Graph answers it synchronously.
size_t insights_cost(const InsightsQuery& query, const InsightsScope& scope, const TargetingDb& targeting);

InsightsAnswer answer_insights(const InsightsQuery& query, const InsightsScope& scope, const ObjectStore& store,
                               const TargetingDb& targeting, int64_t now);

}  // namespace fbmcp::fake::delivery
