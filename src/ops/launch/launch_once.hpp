// A launch is made once (DESIGN §4): the same args again within ten minutes — a host retrying a call whose answer it
// lost — or the same idempotency_key within a day return what the first call made instead of a second campaign.
#pragma once
#include <nlohmann/json.hpp>
#include <optional>
#include <string>

#include "core/error.hpp"
#include "tool/op_context.hpp"

namespace fbmcp::ops {

class LaunchOnce {
 public:
  LaunchOnce(tool::OpContext& ctx, const nlohmann::json& args);
  // The ids an earlier identical launch made ({campaign_id, adset_id, creative_id, ad_id}), when its ad set is still
  // there; nullopt otherwise (or without an idempotency store).
  core::Result<std::optional<nlohmann::json>> earlier();
  void started();
  void made(const std::string& adset_id);
  void failed();  // nothing was left: the same call may run again

 private:
  tool::OpContext& ctx_;
  std::string key_;
  bool explicit_key_ = false;
};

}  // namespace fbmcp::ops
