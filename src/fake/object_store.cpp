#include "fake/object_store.hpp"

#include <algorithm>

namespace fbmcp::fake {
namespace {

std::string sort_time(const Node& node) {
  for (const char* key : {"created_time", "time_created", "timestamp"}) {
    const auto it = node.data.find(key);
    if (it == node.data.end()) continue;
    if (it->is_string()) return it->get<std::string>();
    if (it->is_number()) return std::to_string(it->get<int64_t>());
  }
  return {};
}

// Newest first; ids of equal length compare numerically as strings.
bool newer(const Node* a, const Node* b) {
  const auto ta = sort_time(*a);
  const auto tb = sort_time(*b);
  if (ta != tb) return ta > tb;
  const auto ia = a->data.value("id", "");
  const auto ib = b->data.value("id", "");
  if (ia.size() != ib.size()) return ia.size() > ib.size();
  return ia > ib;
}

}  // namespace

void ObjectStore::insert(const std::string& type, nlohmann::json data) {
  const std::string id = data.value("id", "");
  // The first user is the fixtures' me.json (loaded first; a state file lists objects in id order): the user a
  // token the emulator did not issue stands for. Other users (users.json) are reached through their own tokens.
  if (type == "user" && me_.empty()) me_ = data;
  nodes_[id] = Node{type, std::move(data)};
}

Node* ObjectStore::find(const std::string& id) {
  const auto it = nodes_.find(id);
  return it == nodes_.end() ? nullptr : &it->second;
}

const Node* ObjectStore::find(const std::string& id) const {
  const auto it = nodes_.find(id);
  return it == nodes_.end() ? nullptr : &it->second;
}

std::vector<const Node*> ObjectStore::select(const std::string& type,
                                             const std::function<bool(const Node&)>& keep) const {
  std::vector<const Node*> out;
  for (const auto& [id, node] : nodes_) {
    if (node.type == type && (!keep || keep(node))) out.push_back(&node);
  }
  std::sort(out.begin(), out.end(), newer);
  return out;
}

std::vector<Node*> ObjectStore::select_mutable(const std::string& type,
                                               const std::function<bool(const Node&)>& keep) {
  std::vector<Node*> out;
  for (auto& [id, node] : nodes_) {
    if (node.type == type && (!keep || keep(node))) out.push_back(&node);
  }
  return out;
}

std::string ObjectStore::allocate_id() {
  std::string id;
  do {
    id = std::to_string(next_id_++);
  } while (nodes_.count(id));
  return id;
}

size_t ObjectStore::count(const std::string& type) const {
  return static_cast<size_t>(
      std::count_if(nodes_.begin(), nodes_.end(), [&](const auto& item) { return item.second.type == type; }));
}

}  // namespace fbmcp::fake
