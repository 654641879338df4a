// The emulator's world: every Graph object by id, with its type. Mutations live for the life of the process, or
// in a state file when fake/world_state.hpp keeps one.
#pragma once
#include <cstdint>
#include <functional>
#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

namespace fbmcp::fake {

struct Node {
  std::string type;     // "adaccount", "campaign", "adset", "ad", "adcreative", "adimage", "page", …
  nlohmann::json data;  // Graph field names and value types, exactly as a full GET would return them
};

class ObjectStore {
 public:
  void insert(const std::string& type, nlohmann::json data);
  Node* find(const std::string& id);
  // Objects Graph deletes for good (a custom audience: DELETE /<id>, then reads fail) rather than marking DELETED.
  void erase(const std::string& id) { nodes_.erase(id); }
  const Node* find(const std::string& id) const;

  // Objects of `type` matching `keep`, newest first (created_time, then id), as Graph orders edges.
  std::vector<const Node*> select(const std::string& type, const std::function<bool(const Node&)>& keep) const;
  std::vector<Node*> select_mutable(const std::string& type, const std::function<bool(const Node&)>& keep);

  // New ids look like Meta's (18-digit numeric strings) and are deterministic for a fresh store.
  std::string allocate_id();
  size_t count(const std::string& type) const;

  nlohmann::json& me() { return me_; }
  const nlohmann::json& me() const { return me_; }

  // For fake/world_state.cpp, which saves and restores a store whole: its objects and where its ids count from.
  const std::map<std::string, Node>& nodes() const { return nodes_; }
  uint64_t next_id() const { return next_id_; }
  void set_next_id(uint64_t next_id) { next_id_ = next_id; }

 private:
  std::map<std::string, Node> nodes_;
  nlohmann::json me_ = nlohmann::json::object();
  uint64_t next_id_ = 120219000000000001ULL;
};

}  // namespace fbmcp::fake
