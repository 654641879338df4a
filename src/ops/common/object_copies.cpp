#include "ops/common/object_copies.hpp"

#include <chrono>
#include <set>
#include <thread>

#include "graph/form_encoding.hpp"
#include "graph/graph_time.hpp"
#include "graph/json_fields.hpp"
#include "ops/common/idempotent_create.hpp"
#include "ops/common/money_args.hpp"
#include "ops/common/object_view.hpp"

namespace fbmcp::ops {
namespace {

using tool::OpContext;
using tool::OpOutput;

constexpr const char* kDefaultSuffix = " - Copy";
// deep_copy: "Limits: the total number of children ads to copy should not exceed 3 for a synchronous call and 51 for
// an asynchronous call." (FBD/marketing-api/reference/ad-campaign-group/copies, the same on …/ad-campaign/copies;
// graph-api-facts.md §2). A deep copy with more ads goes through an asynchronous batch request.
constexpr size_t kSyncCopyAds = 3;
constexpr size_t kAsyncCopyAds = 51;
// How often an asynchronous copy is looked at before the op answers "still running": pauses of 1, 2, … 8 s live
// (36 s in all); none in fake mode, where the emulator has the set done by its second read.
constexpr int kAsyncCopyPolls = 8;
// Every ad effective_status but DELETED (Meta SDK Ad.EffectiveStatus, graph-enums.json ad.effective_status): what a
// deep copy takes along, archived ads included, as the emulator copies them.
const char* const kCopiedAdStatuses[] = {"ACTIVE",       "ADSET_PAUSED",   "ARCHIVED",    "CAMPAIGN_PAUSED",
                                         "DISAPPROVED",  "IN_PROCESS",     "PAUSED",      "PENDING_BILLING_INFO",
                                         "PENDING_REVIEW", "PREAPPROVED", "WITH_ISSUES"};

struct CopyPlan {
  std::string id;
  std::string name;      // the source's
  std::string new_name;  // the copy's
  std::string act_id;
  bool deep = false;
  size_t ads = 0;  // ads a deep copy takes along
  bool async = false;
  graph::Params params;
};

bool kind_has_ads(const ObjectKind& kind) { return kind.op_noun == "campaign" || kind.op_noun == "adset"; }

// The ads under the source that a deep copy takes along, counted up to one past the asynchronous limit.
core::Result<size_t> count_copied_ads(OpContext& ctx, const std::string& id) {
  auto statuses = nlohmann::json::array();
  for (const char* status : kCopiedAdStatuses) statuses.push_back(status);
  auto page = ctx.graph.list(id + "/ads", {{"fields", "id"}, {"effective_status", statuses}}, kAsyncCopyAds + 1);
  if (!page) return std::unexpected(page.error());
  return page->items.size();
}

// start_time / end_time: the copied ad sets' schedule (an ad set's own; a campaign's ad sets' with deep_copy).
core::Result<void> schedule_params(const ObjectKind& kind, const nlohmann::json& args, bool deep, graph::Params& params) {
  std::optional<int64_t> start, end;
  for (const char* field : {"start_time", "end_time"}) {
    if (!args.contains(field)) continue;
    const std::string path = std::string("args.") + field;
    if (kind.op_noun == "campaign" && !deep) {
      return std::unexpected(invalid_args(path + " sets the schedule of the copied ad sets, so it needs deep_copy: true",
                                          "add \"deep_copy\": true, or leave the times out to keep the ad sets' own",
                                          path));
    }
    const std::string text = args[field].get<std::string>();
    const auto when = graph::parse_graph_time(text);
    if (!when) {
      return std::unexpected(invalid_args(path + " is not a date and time Graph reads: '" + text + "'",
                                          "use ISO 8601 with an offset, e.g. 2026-12-01T00:00:00+0000", path));
    }
    (std::string(field) == "start_time" ? start : end) = when;
    params.set(field, text);
  }
  if (start && end && *end <= *start) {
    return std::unexpected(invalid_args("args.end_time is not after args.start_time",
                                        "give an end_time later than the start_time", "args.end_time"));
  }
  return {};
}

// {"campaigns": […], "ad_sets": […], "ads": […]} from Graph's ad_object_ids (each id once); the top copy's id is in
// it even when the answer does not list it.
nlohmann::json copied_ids_of(const ObjectKind& kind, const nlohmann::json& answer, const std::string& new_id) {
  nlohmann::json ids = nlohmann::json::object();
  std::set<std::string> seen;
  const auto add = [&](const std::string& type, const std::string& id) {
    if (id.empty() || !seen.insert(id).second) return;
    const std::string key = type == "campaign" ? "campaigns" : type == "ad" ? "ads" : "ad_sets";
    ids[key].push_back(id);
  };
  add(kind.op_noun == "adset" ? "ad_set" : kind.op_noun, new_id);
  if (const auto it = answer.find("ad_object_ids"); it != answer.end() && it->is_array()) {
    for (const auto& item : *it) {
      if (!item.is_object()) continue;
      const auto type = graph::read_string(item, "ad_object_type");
      const auto id = graph::read_string(item, "copied_id");
      if (type && *type && id && *id) add(**type, **id);
    }
  }
  return ids;
}

// Journaled as a create of the top copy (deleting it removes what a deep copy put under it); every copied id kept.
store::ChangeSet copy_change(const ObjectKind& kind, const CopyPlan& plan, const std::string& new_id,
                             const nlohmann::json& ids) {
  store::ChangeSet change{{store::ChangeItem{kind.op_noun, new_id, plan.act_id, "create",
                                             {{"copied_from", {{"before", nullptr}, {"after", plan.id}}}}}},
                          nlohmann::json::array({new_id})};
  for (const auto& [key, list] : ids.items()) {
    for (const auto& id : list) {
      if (!id.is_string() || id.get<std::string>() != new_id) change.graph_ids.push_back(id);
    }
  }
  return change;
}

std::string copied_count_text(const nlohmann::json& ids) {
  std::string text;
  for (const auto& [key, noun] : std::vector<std::pair<std::string, std::string>>{
           {"campaigns", "campaign"}, {"ad_sets", "ad set"}, {"ads", "ad"}}) {
    if (!ids.contains(key)) continue;
    const size_t n = ids[key].size();
    text += (text.empty() ? "" : ", ") + std::to_string(n) + " " + noun + (n == 1 ? "" : "s");
  }
  return text;
}

// After a copy whose outcome is unknown or that failed part-way: objects of the kind already named as the copy would
// be. Meta does not document whether a failed copy leaves anything behind, so the op looks instead of assuming.
nlohmann::json existing_copies(OpContext& ctx, const ObjectKind& kind, const CopyPlan& plan) {
  nlohmann::json filtering = nlohmann::json::array({{{"field", "name"}, {"operator", "EQUAL"}, {"value", plan.new_name}}});
  auto page = ctx.graph.list(plan.act_id + "/" + kind.edge, {{"fields", "id,name,status"}, {"filtering", filtering}}, 10);
  if (!page) return nullptr;  // unknown
  auto ids = nlohmann::json::array();
  for (const auto& item : page->items) {
    const auto id = graph::read_string(item, "id");
    if (id && *id) ids.push_back(**id);
  }
  return ids;
}

core::Error with_leftovers(core::Error error, OpContext& ctx, const ObjectKind& kind, const CopyPlan& plan) {
  const auto found = existing_copies(ctx, kind, plan);
  error.detail = error.detail.is_object() ? error.detail : nlohmann::json::object();
  error.detail["existing_copies"] = found;
  if (found.is_null()) {
    error.hint = "whether a copy was made is unknown: look for " + kind.plural + " named '" + plan.new_name +
                 "' (list_" + kind.op_noun + "s) before trying again";
  } else if (found.empty()) {
    error.hint = "nothing was copied: no " + kind.noun + " named '" + plan.new_name +
                 "' exists, so the copy can be tried again";
  } else {
    std::string list;
    for (const auto& id : found) list += (list.empty() ? "" : ", ") + id.get<std::string>();
    error.hint = "these " + kind.plural + " named '" + plan.new_name + "' exist now (a copy, maybe incomplete, all "
                 "PAUSED): " + list + "; check them with get_" + kind.op_noun + " and delete_" + kind.op_noun +
                 " what is not wanted before copying again";
  }
  return error;
}

// A copy may have been made, wholly or in part: the answer was lost (ops/common/idempotent_create.hpp) or Meta's
// side failed (5xx) while copying.
bool copy_outcome_unknown(const core::Error& error) {
  return outcome_unknown(error) || (error.graph && error.graph->http_status >= 500);
}

struct AsyncOutcome {
  std::optional<nlohmann::json> answer;  // the copy's answer once the set is done
  std::string set_id;
};

// POST /act_<id>/async_batch_requests with the copy as its one request, then the set until it is done
// (FBD/marketing-api/asyncrequests; fake/async_requests.hpp). A request that ended in ERROR is the copy's error.
core::Result<AsyncOutcome> copy_through_async_batch(OpContext& ctx, const ObjectKind& kind, const CopyPlan& plan) {
  const nlohmann::json adbatch = nlohmann::json::array(
      {{{"name", "copy"}, {"relative_url", plan.id + "/copies"}, {"body", graph::form_encode(plan.params.items())}}});
  ctx.report("copying " + kind.noun + " " + plan.id + " as an asynchronous batch request (" + std::to_string(plan.ads) +
             " ads)");
  auto made = ctx.graph.post(plan.act_id + "/async_batch_requests",
                             {{"name", "duplicate_" + kind.op_noun + " " + plan.id}, {"adbatch", adbatch}});
  if (!made) return std::unexpected(made.error());
  const auto set_id = graph::read_string(*made, "id");
  if (!set_id) return std::unexpected(graph::unexpected_shape(plan.act_id + "/async_batch_requests", set_id.error()));
  if (!*set_id || (*set_id)->empty()) {
    return std::unexpected(graph::unexpected_shape(plan.act_id + "/async_batch_requests", "it has no `id`"));
  }
  AsyncOutcome outcome{std::nullopt, **set_id};
  bool done = false;
  for (int poll = 1; poll <= kAsyncCopyPolls && !done && !ctx.is_cancelled(); ++poll) {
    auto set = ctx.graph.get(outcome.set_id, {{"fields", "is_completed,total_count,success_count,error_count"}});
    if (!set) return std::unexpected(set.error());
    const auto completed = graph::read_bool(*set, "is_completed");
    if (!completed) return std::unexpected(graph::unexpected_shape(outcome.set_id, completed.error()));
    done = completed->value_or(false);
    if (!done && ctx.mode == core::Mode::Live) std::this_thread::sleep_for(std::chrono::seconds(poll));
  }
  if (!done) return outcome;
  auto requests = ctx.graph.get(outcome.set_id + "/requests", {{"fields", "status,result"}});
  if (!requests) return std::unexpected(requests.error());
  const auto data = requests->find("data");
  if (data == requests->end() || !data->is_array() || data->empty() || !(*data)[0].is_object()) {
    return std::unexpected(graph::unexpected_shape(outcome.set_id + "/requests", "it lists no request"));
  }
  const auto& request = (*data)[0];
  const auto status = graph::read_string(request, "status");
  if (!status) return std::unexpected(graph::unexpected_shape(outcome.set_id + "/requests", status.error()));
  // `result` is the request's Graph answer; some clients see it as a JSON string [recall], so both are read.
  nlohmann::json result = request.contains("result") ? request["result"] : nlohmann::json();
  if (result.is_string()) result = nlohmann::json::parse(result.get<std::string>(), nullptr, false);
  if (status->value_or("") != "SUCCESS") {
    std::string message = "the request ended " + status->value_or("without a status");
    if (result.is_object() && result.contains("error") && result["error"].is_object()) {
      const auto text = graph::read_string(result["error"], "message");
      if (text && *text) message = **text;
    }
    core::Error error{core::ErrorKind::GraphApi,
                      "Meta's asynchronous copy of " + kind.noun + " " + plan.id + " failed: " + message, "", "",
                      std::nullopt, {{"async_request_set_id", outcome.set_id}}};
    return std::unexpected(std::move(error));
  }
  if (!result.is_object()) {
    return std::unexpected(graph::unexpected_shape(outcome.set_id + "/requests", "the copy's result is not an object"));
  }
  outcome.answer = std::move(result);
  return outcome;
}

core::Result<OpOutput> duplicate(const ObjectKind& kind, const nlohmann::json& args, OpContext& ctx) {
  CopyPlan plan;
  plan.id = args[kind.id_arg].get<std::string>();
  auto source = fetch_object(ctx, kind, plan.id);
  if (!source) return std::unexpected(source.error());
  plan.act_id = source->act_id;
  plan.deep = args.value("deep_copy", false);
  const std::string suffix = args.value("rename_suffix", std::string(kDefaultSuffix));
  plan.name = source->object.value("name", "");
  plan.new_name = plan.name + suffix;
  // POST /<id>/copies: deep_copy, status_option (ACTIVE|PAUSED|INHERITED_FROM_SOURCE), rename_options, start_time,
  // end_time (FBD/marketing-api/reference/ad-campaign-group/copies; graph-api-facts.md §2). Copies are always PAUSED
  // here: a copy that starts spending by itself would be an activation nobody confirmed.
  plan.params = graph::Params{{"deep_copy", plan.deep},
                              {"status_option", "PAUSED"},
                              {"rename_options", nlohmann::json{{"rename_suffix", suffix}}}};
  if (!kind.parent_id_field.empty() && args.contains(kind.parent_id_field)) {
    plan.params.set(kind.parent_id_field, args[kind.parent_id_field]);
  }
  if (auto scheduled = schedule_params(kind, args, plan.deep, plan.params); !scheduled) {
    return std::unexpected(scheduled.error());
  }
  if (plan.deep && kind_has_ads(kind)) {
    auto ads = count_copied_ads(ctx, plan.id);
    if (!ads) return std::unexpected(ads.error());
    plan.ads = *ads;
    plan.async = plan.ads > kSyncCopyAds;
    if (plan.ads > kAsyncCopyAds) {
      return std::unexpected(invalid_args(
          "a deep copy of " + kind.a_noun() + " with more than 51 ads is more than Meta copies in one request, even "
          "asynchronously",
          kind.op_noun == "campaign"
              ? "copy the campaign without deep_copy, then each ad set into the copy with duplicate_adset (deep_copy, "
                "campaign_id)"
              : "copy the ad set without deep_copy, then its ads into the copy with duplicate_ad (adset_id)",
          "args.deep_copy"));
    }
  }
  const std::string route = plan.async ? "an asynchronous batch request (" + std::to_string(plan.ads) +
                                             " ads is more than the 3 a single copy request takes)"
                                       : "one copy request";
  OpOutput out;
  if (args.value("dry_run", false)) {
    // /copies takes no validate_only: the dry run says what would be asked, having checked the source exists.
    out.data = {{"dry_run", true}, {"source", source->object}, {"would_send", {{"deep_copy", plan.deep},
                {"status_option", "PAUSED"}, {"rename_options", {{"rename_suffix", suffix}}}}},
                {"would_use", plan.async ? "async_batch_requests" : "copies"}};
    if (plan.deep && kind_has_ads(kind)) out.data["ads_to_copy"] = plan.ads;
    out.summary = "Dry run: would copy " + kind.noun + " " + plan.id + " '" + plan.name + "' as '" + plan.new_name +
                  "' (PAUSED" + (plan.deep ? ", with everything under it" : "") + ") through " + route +
                  "; nothing was copied.";
    return out;
  }
  std::optional<nlohmann::json> copied;
  std::string set_id;
  if (plan.async) {
    auto outcome = copy_through_async_batch(ctx, kind, plan);
    if (!outcome) {
      // The set may have run part of the copy before failing: say what exists.
      return std::unexpected(with_leftovers(outcome.error(), ctx, kind, plan));
    }
    set_id = outcome->set_id;
    if (!outcome->answer) {
      out.data = {{"copied_from", plan.id}, {"async_request_set_id", set_id}, {"status", "in_progress"}};
      out.summary = "The copy of " + kind.noun + " " + plan.id + " '" + plan.name + "' is still running at Meta "
                    "(asynchronous batch request " + set_id + "); it will appear as '" + plan.new_name + "', PAUSED.";
      out.warnings.push_back("not finished yet: look for '" + plan.new_name + "' with list_" + kind.op_noun +
                             "s in a minute; do not copy again meanwhile, or there will be two copies");
      return out;
    }
    copied = std::move(outcome->answer);
  } else {
    ctx.report("copying " + kind.noun + " " + plan.id);
    // Not idempotent: a copy whose answer is lost is not re-sent blindly; the op looks for what exists instead.
    auto answer = ctx.graph.post(plan.id + "/copies", plan.params);
    if (!answer) {
      if (copy_outcome_unknown(answer.error())) return std::unexpected(with_leftovers(answer.error(), ctx, kind, plan));
      return std::unexpected(answer.error());
    }
    copied = std::move(*answer);
  }
  // The answer names the copy as copied_<kind>_id ({"copied_campaign_id": …} in the copies reference;
  // copied_adset_id for ad sets in the clients that use it) plus ad_object_ids for everything copied.
  const std::string what = plan.async ? set_id + "/requests" : plan.id + "/copies";
  const std::string id_field = "copied_" + kind.op_noun + "_id";
  const auto new_id = graph::read_string(*copied, id_field);
  if (!new_id) return std::unexpected(graph::unexpected_shape(what, new_id.error()));
  if (!*new_id || (*new_id)->empty()) {
    return std::unexpected(graph::unexpected_shape(what, "it has no `" + id_field + "`"));
  }
  const nlohmann::json ids = copied_ids_of(kind, *copied, **new_id);
  size_t objects = 0;
  for (const auto& [key, list] : ids.items()) objects += list.size();
  auto copy = fetch_object(ctx, kind, **new_id);
  if (!copy) {
    // The copy exists; only reading it back failed. Say what was made rather than an error that hides it.
    out.data = {{"id", **new_id}, {"copied_from", plan.id}, {"objects_copied", objects}, {"copied_ids", ids}};
    out.change = copy_change(kind, plan, **new_id, ids);
    out.summary = "Copied " + kind.noun + " " + plan.id + " '" + plan.name + "' to " + **new_id + " (" +
                  copied_count_text(ids) + "), but reading the copy back failed: " + copy.error().message;
    out.warnings.push_back("the copy is PAUSED: it spends nothing until resume_" + kind.op_noun);
    return out;
  }
  out.data = {{"id", **new_id}, {kind.op_noun, copy->object}, {"copied_from", plan.id}, {"objects_copied", objects},
              {"copied_ids", ids}};
  if (plan.async) out.data["async_request_set_id"] = set_id;
  out.change = copy_change(kind, plan, **new_id, ids);
  out.summary = "Copied " + kind.noun + " " + plan.id + " '" + plan.name + "' to " + **new_id + " '" +
                copy->object.value("name", "") + "' (" + copy->object.value("status", "") + ")" +
                (plan.deep ? ": " + copied_count_text(ids) : std::string()) +
                (plan.async ? ", through an asynchronous batch request" : "") + ".";
  out.warnings.push_back("the copy is PAUSED: it spends nothing until resume_" + kind.op_noun);
  return out;
}

}  // namespace

void register_duplicate_op(tool::OpRegistry& registry, const ObjectKind& kind, const std::string& summary) {
  const ObjectKind* k = &kind;
  registry.add({"duplicate_" + kind.op_noun, kind.family, summary, tool::Effect::Write, false,
                [k](const nlohmann::json& a, OpContext& c) { return duplicate(*k, a, c); }, {}});
}

}  // namespace fbmcp::ops
