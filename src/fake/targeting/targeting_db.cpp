#include "fake/targeting/targeting_db.hpp"

namespace fbmcp::fake {
namespace {

constexpr const char* kTargetingKinds[] = {"interests", "behaviors", "demographics", "countries",
                                  "regions",   "cities",    "zips",         "locales"};

std::string text_of(const nlohmann::json& item, const char* key) {
  const auto it = item.find(key);
  if (it == item.end()) return {};
  if (it->is_string()) return it->get<std::string>();
  if (it->is_number_integer()) return std::to_string(it->get<long long>());
  return {};
}

}  // namespace

core::Result<TargetingDb> TargetingDb::load(const Reader& read) {
  auto data = std::make_shared<Data>();
  for (const char* kind : kTargetingKinds) {
    const std::string file = std::string("targeting/") + kind + ".json";
    auto& items = data->kinds[kind];
    const auto text = read(file);
    if (!text) continue;
    auto value = nlohmann::json::parse(*text, nullptr, false);
    if (value.is_discarded() || !value.is_array()) {
      return core::fail(core::ErrorKind::Internal, "fixture file " + file + " must be a JSON array");
    }
    for (auto& item : value) {
      if (!item.is_object()) return core::fail(core::ErrorKind::Internal, "fixture file " + file + " holds a non-object");
      items.push_back(std::move(item));
    }
  }
  // Indexes point into the vectors, which no longer change.
  for (const char* kind : {"interests", "behaviors", "demographics"}) {
    for (const auto& item : data->kinds[kind]) data->detailed[text_of(item, "id")] = &item;
  }
  for (const char* kind : {"countries", "regions", "cities", "zips", "locales"}) {
    for (const auto& item : data->kinds[kind]) data->locations[kind][text_of(item, "key")] = &item;
  }
  TargetingDb db;
  db.data_ = std::move(data);
  return db;
}

const std::vector<nlohmann::json>& TargetingDb::all(const std::string& kind) const {
  static const std::vector<nlohmann::json> kNone;
  const auto it = data_->kinds.find(kind);
  return it == data_->kinds.end() ? kNone : it->second;
}

const nlohmann::json* TargetingDb::detailed(const std::string& id) const {
  const auto it = data_->detailed.find(id);
  return it == data_->detailed.end() ? nullptr : it->second;
}

const nlohmann::json* TargetingDb::location(const std::string& kind, const std::string& key) const {
  const auto k = data_->locations.find(kind);
  if (k == data_->locations.end()) return nullptr;
  const auto it = k->second.find(key);
  return it == k->second.end() ? nullptr : it->second;
}

const nlohmann::json* TargetingDb::locale(int key) const { return location("locales", std::to_string(key)); }

}  // namespace fbmcp::fake
