#include "fake/status_rules.hpp"

#include <set>
#include <string>

namespace fbmcp::fake {
namespace {

const std::set<std::string> kReviewStates = {"DISAPPROVED", "PENDING_REVIEW", "WITH_ISSUES", "IN_PROCESS",
                                             "PREAPPROVED", "PENDING_BILLING_INFO"};

std::string status_of(const ObjectStore& store, const nlohmann::json& data, const char* parent_key) {
  const auto parent_id = data.value(parent_key, "");
  const Node* parent = parent_id.empty() ? nullptr : store.find(parent_id);
  return parent ? parent->data.value("status", "ACTIVE") : "ACTIVE";
}

std::string derive(const std::string& own, const std::string& previous_effective, const std::string& campaign_status,
                   const std::string& adset_status) {
  if (own != "ACTIVE") return own;
  if (campaign_status == "DELETED" || campaign_status == "ARCHIVED") return campaign_status;
  if (campaign_status != "ACTIVE") return "CAMPAIGN_PAUSED";
  if (adset_status == "DELETED" || adset_status == "ARCHIVED") return adset_status;
  if (adset_status != "ACTIVE") return "ADSET_PAUSED";
  return kReviewStates.count(previous_effective) ? previous_effective : "ACTIVE";
}

void refresh(ObjectStore& store, Node& node) {
  auto& d = node.data;
  const auto own = d.value("status", "ACTIVE");
  const auto previous = d.value("effective_status", own);
  if (node.type == "campaign") {
    d["effective_status"] = own == "ACTIVE" && kReviewStates.count(previous) ? previous : own;
  } else if (node.type == "adset") {
    d["effective_status"] = derive(own, previous, status_of(store, d, "campaign_id"), "ACTIVE");
  } else if (node.type == "ad") {
    d["effective_status"] = derive(own, previous, status_of(store, d, "campaign_id"), status_of(store, d, "adset_id"));
  }
}

}  // namespace

void propagate_status(ObjectStore& store, Node& node) {
  refresh(store, node);
  const auto id = node.data.value("id", "");
  if (node.type == "campaign") {
    for (auto* adset : store.select_mutable("adset", [&](const Node& n) { return n.data.value("campaign_id", "") == id; })) {
      refresh(store, *adset);
    }
  }
  if (node.type == "campaign" || node.type == "adset") {
    const char* key = node.type == "campaign" ? "campaign_id" : "adset_id";
    for (auto* ad : store.select_mutable("ad", [&](const Node& n) { return n.data.value(key, "") == id; })) {
      refresh(store, *ad);
    }
  }
}

void mark_deleted(ObjectStore& store, Node& node, const std::string& now) {
  const auto id = node.data.value("id", "");
  auto erase = [&](Node& n) {
    n.data["status"] = "DELETED";
    if (n.data.contains("configured_status")) n.data["configured_status"] = "DELETED";
    if (n.data.contains("effective_status")) n.data["effective_status"] = "DELETED";
    if (n.data.contains("updated_time")) n.data["updated_time"] = now;
  };
  erase(node);
  if (node.type == "campaign" || node.type == "adset") {
    const char* key = node.type == "campaign" ? "campaign_id" : "adset_id";
    for (auto* child : store.select_mutable("adset", [&](const Node& n) { return n.data.value(key, "") == id; })) {
      erase(*child);
    }
    for (auto* child : store.select_mutable("ad", [&](const Node& n) { return n.data.value(key, "") == id; })) {
      erase(*child);
    }
  }
}

}  // namespace fbmcp::fake
