// What the ops that are the same for several Graph object kinds (campaigns, ad sets, ads) need to know about one
// kind (DESIGN §1 "written once and parameterized by kind"). A family plugs into the shared ops — reads, updates,
// status changes, bulk updates, copies — by describing itself here; ads join with one more descriptor.
#pragma once
#include <functional>
#include <nlohmann/json.hpp>
#include <string>
#include <utility>
#include <vector>

#include "core/error.hpp"
#include "tool/op_context.hpp"

namespace fbmcp::ops {

struct ObjectKind {
  // Words, for op names, summaries, confirmations and errors.
  std::string noun;     // "campaign", "ad set"
  std::string article;  // "a", "an"
  std::string plural;   // "campaigns", "ad sets"
  std::string op_noun;  // "campaign", "adset": pause_<op_noun>, bulk_update_<op_noun>s, duplicate_<op_noun>
  std::string family;   // registry family: "campaigns", "adsets"
  std::string id_arg;   // "campaign_id", "adset_id"
  std::string end_field;  // "stop_time", "end_time": when a lifetime budget ends
  std::string edge;     // the ad account's edge that lists and creates them: act_<n>/<edge>
  std::string example_id;

  // Graph fields.
  std::vector<std::string> default_fields;  // what a read returns unless `fields` asks for more
  std::vector<std::string> detail_fields;   // what get_<op_noun> reads besides (too big for list rows)
  std::vector<std::string> list_fields;     // what a list row holds unless `fields` asks for more (lean, DESIGN §6)
  std::vector<std::string> string_fields;   // fields ops read as strings (checked before use)
  std::vector<std::string> money_fields;    // minor-unit strings on reads, shown as money
  std::vector<std::string> money_args;      // args given as money, sent in minor units
  std::vector<std::string> update_fields;   // what update_<op_noun> may set, in the order errors list them
  std::vector<std::string> bulk_fields;     // what one bulk_update item may set
  std::vector<std::string> effective_statuses;  // every effective_status of the kind (Meta SDK enum)
  // An update arg that sets a Graph field under another name or shape (ads swap creatives with "creative_id", sent
  // as creative={"creative_id": …}): returns the Graph field and value. Unset: every arg is its own Graph field.
  std::function<std::pair<std::string, nlohmann::json>(const std::string& arg, const nlohmann::json& value)>
      graph_param;
  // A field Graph blames that the caller set through another arg (creatives build object_story_spec from flat args):
  // {Graph field as blamed, arg}.
  std::vector<std::pair<std::string, std::string>> blamed_args;

  // Cascade and budget wording: "its ad sets show CAMPAIGN_PAUSED", "and its ad sets and ads",
  // "budgets set on its ad sets".
  std::string paused_children;
  std::string delete_scope;
  std::string no_budget_text;
  std::string bulk_what;  // "status, name or budget"

  // Where budgets may sit depends on the parent (an ad set of a campaign with a campaign budget has none). When
  // set, a write that sets money reads the parent (parent_id_field of the object, parent_fields) and asks
  // check_budget_owner before Graph is called. `money` holds the minor units being set, `prefix` where the args
  // sit ("args.", "args.updates[3].").
  std::string parent_id_field;
  std::string parent_fields;
  std::string parent_field;  // the object's field that is the parent node ("campaign"), for reading both at once
  std::function<core::Result<void>(const nlohmann::json& parent, const nlohmann::json& money,
                                   const std::string& currency, const std::string& prefix)>
      check_budget_owner;

  // Whether objects of the kind deliver ads once ACTIVE (campaigns, ad sets, ads): creating one ACTIVE spends and
  // needs confirmation. Creatives do not deliver by themselves.
  bool delivers = true;
  // Whether Graph gives the objects a created_time (reconciliation of a lost create uses it). AdCreative has none.
  bool has_created_time = true;

  std::string a_noun() const { return article + " " + noun; }
  std::string capital_noun() const {
    std::string text = noun;
    if (!text.empty() && text[0] >= 'a' && text[0] <= 'z') text[0] = static_cast<char>(text[0] - 'a' + 'A');
    return text;
  }
};

}  // namespace fbmcp::ops
