#include "fake/edge_listing.hpp"
#include "fake/node_references.hpp"
#include "core/text.hpp"

#include <algorithm>
#include <optional>
#include <openssl/evp.h>

#include "fake/field_selection.hpp"
#include "graph/form_encoding.hpp"

namespace fbmcp::fake {
namespace {

constexpr size_t kDefaultLimit = 25;  // Graph's default page size
constexpr size_t kMaxLimit = 500;

std::string field_text(const nlohmann::json& value) {
  if (value.is_string()) return value.get<std::string>();
  if (value.is_null()) return "";
  return value.dump();
}

bool in_list(const nlohmann::json& list, const std::string& value) {
  if (!list.is_array()) return field_text(list) == value;
  return std::any_of(list.begin(), list.end(), [&](const auto& v) { return field_text(v) == value; });
}

// Graph's filtering operators (EQUAL, NOT_EQUAL, GREATER_THAN, LESS_THAN, IN, NOT_IN, CONTAIN, NOT_CONTAIN, …).
std::expected<bool, GraphError> matches(const nlohmann::json& data, const std::string& type, const nlohmann::json& rule) {
  if (!rule.is_object() || !rule.contains("field") || !rule.contains("operator") || !rule["field"].is_string() ||
      !rule["operator"].is_string()) {
    return std::unexpected(invalid_param("filtering", "each filtering rule needs field, operator and value"));
  }
  std::string field = rule["field"].get<std::string>();
  if (field.rfind(type + ".", 0) == 0) field = field.substr(type.size() + 1);
  const std::string op = rule["operator"].get<std::string>();
  const auto value = rule.value("value", nlohmann::json());
  const std::string actual = data.contains(field) ? field_text(data[field]) : "";
  if (op == "EQUAL") return actual == field_text(value);
  if (op == "NOT_EQUAL") return actual != field_text(value);
  if (op == "IN") return in_list(value, actual);
  if (op == "NOT_IN") return !in_list(value, actual);
  if (op == "CONTAIN") return core::ascii_lower(actual).find(core::ascii_lower(field_text(value))) != std::string::npos;
  if (op == "NOT_CONTAIN") return core::ascii_lower(actual).find(core::ascii_lower(field_text(value))) == std::string::npos;
  if (op == "GREATER_THAN" || op == "LESS_THAN") {
    try {
      const double a = std::stod(actual.empty() ? "0" : actual);
      const double b = std::stod(field_text(value));
      return op == "GREATER_THAN" ? a > b : a < b;
    } catch (...) {
      return std::unexpected(invalid_param("filtering", "operator " + op + " needs numbers"));
    }
  }
  return std::unexpected(invalid_enum("filtering.operator", op,
                                      {"EQUAL", "NOT_EQUAL", "GREATER_THAN", "LESS_THAN", "IN", "NOT_IN", "CONTAIN",
                                       "NOT_CONTAIN"}));
}

}  // namespace

std::string encode_cursor(const std::string& id) {
  std::string out(4 * ((id.size() + 2) / 3) + 1, '\0');
  const int n = EVP_EncodeBlock(reinterpret_cast<unsigned char*>(out.data()),
                                reinterpret_cast<const unsigned char*>(id.data()), static_cast<int>(id.size()));
  out.resize(static_cast<size_t>(n));
  return out;
}

std::string decode_cursor(const std::string& cursor) {
  if (cursor.empty() || cursor.size() % 4 != 0) return {};
  std::string out(cursor.size() / 4 * 3 + 1, '\0');
  const int n = EVP_DecodeBlock(reinterpret_cast<unsigned char*>(out.data()),
                                reinterpret_cast<const unsigned char*>(cursor.data()), static_cast<int>(cursor.size()));
  if (n < 0) return {};
  out.resize(static_cast<size_t>(n));
  while (!out.empty() && out.back() == '\0') out.pop_back();  // EVP_DecodeBlock keeps padding bytes
  return out;
}

namespace {

// Projects one node onto `selection`, checking each field against the node's type and expanding fields that are
// nodes themselves (node_references.hpp) one level at a time, as deep as the selection goes.
std::expected<nlohmann::json, GraphError> select_node(const Node& node, std::vector<FieldSelector> selection,
                                                      const GraphModel& model, const ObjectStore& store) {
  for (const auto& field : selection) {
    if (!model.has_field(node.type, field.name)) {
      return std::unexpected(nonexisting_field(field.name, GraphModel::node_type_name(node.type)));
    }
  }
  if (std::none_of(selection.begin(), selection.end(), [](const auto& f) { return f.name == "id"; })) {
    selection.insert(selection.begin(), FieldSelector{"id", {}});
  }
  auto out = project(node.data, selection);
  for (const auto& field : selection) {
    if (const auto ids = referenced_ids(node, field.name)) {
      auto rows = nlohmann::json::array();
      for (const auto& child_id : *ids) {
        const Node* child = store.find(child_id);
        if (!child) continue;
        auto expanded = select_node(*child, field.children, model, store);
        if (!expanded) return expanded;
        rows.push_back(std::move(*expanded));
      }
      out[field.name] = {{"data", std::move(rows)}};
      continue;
    }
    const auto id = referenced_id(node, field.name);
    if (!id) continue;
    const Node* target = store.find(*id);
    if (!target) continue;
    auto expanded = select_node(*target, field.children, model, store);
    if (!expanded) return expanded;
    out[field.name] = std::move(*expanded);
  }
  return out;
}

}  // namespace

std::expected<nlohmann::json, GraphError> select_fields(const Node& node, const ParamMap& params,
                                                        const GraphModel& model, const ObjectStore& store,
                                                        const std::vector<std::string>& default_fields) {
  std::vector<FieldSelector> selection;
  const auto fields = param(params, "fields");
  if (fields && !fields->empty()) {
    if (!parse_fields(*fields, selection)) {
      return std::unexpected(invalid_param("fields", "Syntax error in fields: " + *fields));
    }
  } else {
    for (const auto& name : default_fields) selection.push_back({name, {}});
  }
  return select_node(node, std::move(selection), model, store);
}

std::expected<nlohmann::json, GraphError> list_edge(const EdgeQuery& query, std::vector<const Node*> nodes,
                                                    const ParamMap& params, const GraphModel& model,
                                                    const ObjectStore& store) {
  // Filters.
  const auto effective = json_param(params, "effective_status");
  if (effective && !effective->is_array()) {
    return std::unexpected(invalid_param("effective_status", "effective_status must be a list, e.g. [\"ACTIVE\"]"));
  }
  const auto filtering = json_param(params, "filtering");
  if (filtering && !filtering->is_array()) {
    return std::unexpected(invalid_param("filtering", "filtering must be a list of {field, operator, value}"));
  }
  std::vector<const Node*> kept;
  std::vector<size_t> kept_at;  // each kept node's position in `nodes`, so a cursor survives filter changes
  for (size_t at = 0; at < nodes.size(); ++at) {
    const Node* node = nodes[at];
    const auto status = node->data.value("effective_status", node->data.value("status", ""));
    if (effective) {
      if (!in_list(*effective, status)) continue;
    } else if (query.hides_deleted && node->data.value("status", "") == "DELETED") {
      continue;
    }
    bool keep = true;
    if (filtering) {
      for (const auto& rule : *filtering) {
        auto ok = matches(node->data, query.type, rule);
        if (!ok) return std::unexpected(ok.error());
        keep = keep && *ok;
      }
    }
    if (keep) {
      kept.push_back(node);
      kept_at.push_back(at);
    }
  }

  // Paging.
  size_t limit = kDefaultLimit;
  if (const auto raw = param(params, "limit")) {
    try {
      limit = std::clamp<size_t>(std::stoul(*raw), 1, kMaxLimit);
    } catch (...) {
      return std::unexpected(invalid_param("limit", "limit must be a positive integer"));
    }
  }
  // A cursor names an object of this edge. One that does not decode, or names an object this edge does not list,
  // was not handed out by this list: Graph refuses it rather than restarting or ending the list.
  const auto cursor_position = [&](const std::string& cursor) -> std::optional<size_t> {
    const auto id = decode_cursor(cursor);
    const auto it = std::find_if(nodes.begin(), nodes.end(), [&](const Node* n) {
      const auto node_id = n->data.find("id");
      return node_id != n->data.end() && node_id->is_string() && node_id->get<std::string>() == id;
    });
    if (id.empty() || it == nodes.end()) return std::nullopt;
    return static_cast<size_t>(it - nodes.begin());
  };
  size_t start = 0;
  size_t end = 0;
  if (const auto before = param(params, "before")) {
    // `before` walks back (graph-api-facts.md §4): the `limit` rows just ahead of the cursor's object.
    const auto position = cursor_position(*before);
    if (!position) return std::unexpected(invalid_cursor());
    end = static_cast<size_t>(std::lower_bound(kept_at.begin(), kept_at.end(), *position) - kept_at.begin());
    start = end > limit ? end - limit : 0;
  } else {
    if (const auto after = param(params, "after")) {
      const auto position = cursor_position(*after);
      if (!position) return std::unexpected(invalid_cursor());
      start = static_cast<size_t>(std::upper_bound(kept_at.begin(), kept_at.end(), *position) - kept_at.begin());
    }
    end = std::min(kept.size(), start + limit);
  }

  auto data = nlohmann::json::array();
  for (size_t i = start; i < end; ++i) {
    auto item = select_fields(*kept[i], params, model, store, {"id"});
    if (!item) return std::unexpected(item.error());
    data.push_back(std::move(*item));
  }
  nlohmann::json body = {{"data", data}};
  if (start < end) {
    nlohmann::json paging = {{"cursors",
                              {{"before", encode_cursor(kept[start]->data.value("id", ""))},
                               {"after", encode_cursor(kept[end - 1]->data.value("id", ""))}}}};
    // `next` and `previous` repeat the request with the page's own cursor (FBD/graph-api/results); the first page
    // has no `previous`, the last no `next`.
    const auto link = [&](const char* direction) {
      std::vector<std::pair<std::string, std::string>> link_params;
      for (const auto& [key, value] : params) {
        if (key != "after" && key != "before") link_params.emplace_back(key, value);
      }
      link_params.emplace_back(direction, paging["cursors"][direction].get<std::string>());
      return query.next_base + "?" + graph::form_encode(link_params);
    };
    if (start > 0) paging["previous"] = link("before");
    if (end < kept.size()) paging["next"] = link("after");
    body["paging"] = paging;
  }
  return body;
}

}  // namespace fbmcp::fake
