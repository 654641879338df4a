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
    k.no_budget_text = "no budget of its own: ads that use it spend their ad set's";
    return k;
  }();
  return kKind;
}

}  // namespace fbmcp::ops
