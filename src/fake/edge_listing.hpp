// Reading an edge the way Graph does: effective_status and `filtering` filters, cursor paging (`next` absent on
// the last page), `limit`, and `fields` projection.
#pragma once
#include <expected>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "fake/graph_error.hpp"
#include "fake/graph_model.hpp"
#include "fake/object_store.hpp"
#include "fake/write_context.hpp"

namespace fbmcp::fake {

struct EdgeQuery {
  std::string type;        // node type listed, for field checks ("campaign")
  std::string next_base;   // "https://graph.facebook.com/v24.0/act_1/campaigns": where `next` links point
  bool hides_deleted = true;  // Graph leaves DELETED objects out unless effective_status asks for them
};

std::expected<nlohmann::json, GraphError> list_edge(const EdgeQuery& query, std::vector<const Node*> nodes,
                                                    const ParamMap& params, const GraphModel& model,
                                                    const ObjectStore& store);

// Cursor helpers, shared with anything else that pages.
std::string encode_cursor(const std::string& id);
std::string decode_cursor(const std::string& cursor);

// fields= projection for one node, with Graph's error for fields the type doesn't have. Always includes id; fields
// that are nodes (an ad set's `campaign`) are expanded from `store`.
std::expected<nlohmann::json, GraphError> select_fields(const Node& node, const ParamMap& params,
                                                        const GraphModel& model, const ObjectStore& store,
                                                        const std::vector<std::string>& default_fields);

}  // namespace fbmcp::fake
