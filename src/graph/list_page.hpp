// One page of a Graph edge ({"data":[…],"paging":{"cursors":{"after":…},"next":…}}), read defensively: every item an
// object, paging fields of the documented types (FBD/graph-api/results; graph-api-facts.md §4). Pure, so the fuzz
// target can run it on anything.
#pragma once
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.hpp"

namespace fbmcp::graph {

struct EdgePage {
  std::vector<nlohmann::json> items;      // each an object
  std::optional<std::string> next_cursor;  // set only when Graph says more follows (`paging.next` present)
};

// `what` names the list in errors: "Graph's answer for act_1/campaigns: `paging.cursors.after` is a number, expected
// a string". End of data is the absence of `paging.next`, not a short page.
core::Result<EdgePage> parse_edge_page(const nlohmann::json& body, std::string_view what);

}  // namespace fbmcp::graph
