#include "ops/creatives/creative_kind.hpp"

namespace fbmcp::ops {

const ObjectKind& creative_kind() {
  static const ObjectKind kKind = [] {
    ObjectKind k;
    k.noun = "creative";
    k.article = "a";
    k.plural = "creatives";
    k.op_noun = "creative";
    k.family = "creatives";
    k.delivers = false;  // a creative spends nothing until an ad uses it
    k.has_created_time = false;  // Meta SDK AdCreative.Field has no created_time (fixtures/graph_model.json)
    k.id_arg = "creative_id";
    k.edge = "adcreatives";
    k.example_id = "120213000000000001";
    // Field names: Meta SDK AdCreative.Field (fixtures/graph_model.json fields.adcreative).
    k.default_fields = {"id",          "name",          "account_id",         "status",
                        "object_type", "image_hash",    "thumbnail_url",      "call_to_action_type",
                        "object_story_spec", "object_story_id", "effective_object_story_id", "video_id"};
    k.list_fields = {"id", "name", "status", "object_type", "image_hash", "thumbnail_url"};
    k.string_fields = {"id",         "name",          "account_id",          "status", "object_type",
                       "image_hash", "thumbnail_url", "call_to_action_type", "effective_object_story_id"};
    // Meta SDK AdCreative.Status (graph-enums.json adcreative.status); creatives have no effective_status.
    k.effective_statuses = {"ACTIVE", "DELETED", "IN_PROCESS", "WITH_ISSUES"};
    // create_creative's flat args become object_story_spec (ops/creatives/story_spec.cpp); Graph's refusals blame
    // the spec's paths, as the emulator names them (fake/rules/creative_rules.cpp).
    k.blamed_args = {{"object_story_spec[page_id]", "page_id"},
                     {"object_story_spec[instagram_user_id]", "instagram_user_id"},
                     {"object_story_spec[link_data][link]", "link"},
                     {"object_story_spec[link_data][image_hash]", "image_hash"},
                     {"object_story_spec[link_data][call_to_action][type]", "call_to_action_type"},
                     {"object_story_spec[video_data][video_id]", "video_id"},
                     {"object_story_spec[video_data][image_hash]", "image_hash"},
                     {"object_story_spec[video_data][call_to_action][type]", "call_to_action_type"}};
    k.no_budget_text = "no budget of its own: ads that use it spend their ad set's";
    return k;
  }();
  return kKind;
}

}  // namespace fbmcp::ops
