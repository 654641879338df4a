// Registration of every op family. main wires the registry through register_all_ops().
#pragma once
#include "tool/op_registry.hpp"
#include "tool/result_text.hpp"

namespace fbmcp::ops {

void register_account_ops(tool::OpRegistry& registry);
void register_campaign_read_ops(tool::OpRegistry& registry);
void register_campaign_write_ops(tool::OpRegistry& registry);
void register_adset_read_ops(tool::OpRegistry& registry);
void register_adset_write_ops(tool::OpRegistry& registry);
void register_ad_read_ops(tool::OpRegistry& registry);
void register_ad_write_ops(tool::OpRegistry& registry);
void register_creative_read_ops(tool::OpRegistry& registry);
void register_creative_write_ops(tool::OpRegistry& registry);
void register_targeting_ops(tool::OpRegistry& registry);
void register_image_ops(tool::OpRegistry& registry);
void register_video_ops(tool::OpRegistry& registry);
void register_launch_ops(tool::OpRegistry& registry);
void register_preview_ops(tool::OpRegistry& registry);
void register_insights_ops(tool::OpRegistry& registry);
void register_webhook_ops(tool::OpRegistry& registry);
void register_audience_ops(tool::OpRegistry& registry);
void register_auth_ops(tool::OpRegistry& registry);
void register_page_ops(tool::OpRegistry& registry);
void register_instagram_ops(tool::OpRegistry& registry);
void register_journal_ops(tool::OpRegistry& registry);

inline void register_all_ops(tool::OpRegistry& registry) {
  register_account_ops(registry);
  register_campaign_read_ops(registry);
  register_campaign_write_ops(registry);
  register_adset_read_ops(registry);
  register_adset_write_ops(registry);
  register_ad_read_ops(registry);
  register_ad_write_ops(registry);
  register_creative_read_ops(registry);
  register_creative_write_ops(registry);
  register_targeting_ops(registry);
  register_image_ops(registry);
  register_video_ops(registry);
  register_launch_ops(registry);
  register_preview_ops(registry);
  register_insights_ops(registry);
  register_webhook_ops(registry);
  register_audience_ops(registry);
  register_auth_ops(registry);
  register_page_ops(registry);
  register_instagram_ops(registry);
  register_journal_ops(registry);
}

}  // namespace fbmcp::ops
