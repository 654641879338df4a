#include "fake/status_rules.hpp"

#include <set>
#include <string>

namespace fbmcp::fake {
namespace {

const std::set<std::string> kReviewStates = {"DISAPPROVED", "PENDING_REVIEW", "WITH_ISSUES", "IN_PROCESS",
                                             "PREAPPROVED", "PENDING_BILLING_INFO"};

// Emulator bookkeeping on an ad in review, not a Graph field (reads return only model fields): how many more direct
// reads show PENDING_REVIEW before the ad is approved.
constexpr const char* kReviewReadsLeft = "review_reads_left";

std::string status_of(const ObjectStore& store, const nlohmann::json& data, const char* parent_key) {
  const auto parent_id = data.value(parent_key, "");
  const Node* parent = parent_id.empty() ? nullptr : store.find(parent_id);
  return parent ? parent->data.value("status", "ACTIVE") : "ACTIVE";
}

std::string derive(const std::string& own, const std::string& previous_effective, const std::string& campaign_status,
                   const std::string& adset_status, bool in_review) {
  if (own != "ACTIVE") return own;
  if (campaign_status == "DELETED" || campaign_status == "ARCHIVED") return campaign_status;
  if (campaign_status != "ACTIVE") return "CAMPAIGN_PAUSED";
  if (adset_status == "DELETED" || adset_status == "ARCHIVED") return adset_status;
  if (adset_status != "ACTIVE") return "ADSET_PAUSED";
  if (kReviewStates.count(previous_effective)) return previous_effective;
  return in_review ? "PENDING_REVIEW" : "ACTIVE";
}

void refresh(ObjectStore& store, Node& node) {
  auto& d = node.data;
  const auto own = d.value("status", "ACTIVE");
  const auto previous = d.value("effective_status", own);
  if (node.type == "campaign") {
    d["effective_status"] = own == "ACTIVE" && kReviewStates.count(previous) ? previous : own;
  } else if (node.type == "adset") {
    d["effective_status"] = derive(own, previous, status_of(store, d, "campaign_id"), "ACTIVE", false);
  } else if (node.type == "ad") {
    d["effective_status"] = derive(own, previous, status_of(store, d, "campaign_id"), status_of(store, d, "adset_id"),
                                   d.contains(kReviewReadsLeft));
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

void begin_review(nlohmann::json& ad) {
  ad[kReviewReadsLeft] = 1;
  if (ad.value("effective_status", "") == "ACTIVE") ad["effective_status"] = "PENDING_REVIEW";
}

bool advance_review(Node& node) {
  auto& d = node.data;
  if (node.type != "ad" || !d.contains(kReviewReadsLeft) || d.value("effective_status", "") != "PENDING_REVIEW") {
    return false;
  }
  const int left = d[kReviewReadsLeft].is_number_integer() ? d[kReviewReadsLeft].get<int>() : 0;
  if (left > 0) {
    d[kReviewReadsLeft] = left - 1;
  } else {
    d.erase(kReviewReadsLeft);
    d["effective_status"] = "ACTIVE";
  }
  return true;
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
