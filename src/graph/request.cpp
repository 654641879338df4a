#include "graph/request.hpp"

#include <algorithm>

namespace fbmcp::graph {

Params& Params::set(const std::string& key, const nlohmann::json& value) {
  std::string encoded = value.is_string() ? value.get<std::string>() : value.dump();
  for (auto& item : items_) {
    if (item.first == key) {
      item.second = std::move(encoded);
      return *this;
    }
  }
  items_.emplace_back(key, std::move(encoded));
  return *this;
}

const std::string* Params::find(const std::string& key) const {
  for (const auto& item : items_) {
    if (item.first == key) return &item.second;
  }
  return nullptr;
}

void Params::erase(const std::string& key) {
  std::erase_if(items_, [&](const auto& item) { return item.first == key; });
}

}  // namespace fbmcp::graph
