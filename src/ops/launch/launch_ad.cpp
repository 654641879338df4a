// launch_ad: the seed workflow in one call — campaign → ad set → (image upload) → creative → ad, all PAUSED. Each
// step is planned by its own create op's pre-flight (ops/launch/launch_plan.cpp), then all four go to Graph in one
// batch request whose steps refer to each other (FBD/graph-api/batch-requests, {result=<name>:$.id}); if any fails,
// the rest is deleted again (ops/launch/launch_run.cpp). The image goes first, on its own: it is a file upload, and
// content-addressed, so sending it again is harmless.
#include "ops/all_ops.hpp"
#include "ops/common/write_support.hpp"
#include "ops/images/ad_image_request.hpp"
#include "ops/launch/launch_once.hpp"
#include "ops/launch/launch_plan.hpp"
#include "ops/launch/launch_run.hpp"

namespace fbmcp::ops {
namespace {

using tool::OpContext;
using tool::OpOutput;

// The image goes first, as upload_image sends it; Graph's hash is the one the creative must name.
core::Result<std::string> upload_launch_image(OpContext& ctx, const LaunchPlan& plan) {
  ctx.report("uploading the image (" + std::to_string(plan.image->bytes.size()) + " bytes)");
  auto uploaded = send_ad_image(ctx, plan.act_id, plan.image->bytes);
  if (!uploaded) return std::unexpected(under_step(uploaded.error(), "image"));
  return uploaded->hash;
}

// Graph's hash is the one to name, should it ever differ from the MD5 the creative was planned with.
void use_graph_hash(LaunchPlan& plan, const std::string& graph_hash) {
  for (auto& step : plan.steps) {
    const std::string* spec = step.request.params.find("object_story_spec");
    if (step.name != "creative" || !spec) continue;
    std::string text = *spec;
    for (size_t at = text.find(plan.image->hash); at != std::string::npos; at = text.find(plan.image->hash, at)) {
      text.replace(at, plan.image->hash.size(), graph_hash);
    }
    step.request.params.set("object_story_spec", text);
  }
}

std::string step_words(const std::string& step) { return step == "adset" ? "ad set" : step; }

// Dry run: Graph's validate_only for what it can check without the others existing (the campaign; the creative
// unless it shows an image not uploaded yet), in one batch; the rest was checked by the pre-flight.
core::Result<OpOutput> dry_run_launch(const LaunchPlan& plan, OpContext& ctx) {
  std::vector<graph::GraphRequest> checks;
  std::vector<std::string> checked;
  for (const auto& step : plan.steps) {
    const bool graph_can_check = step.needs.empty() && !(step.name == "creative" && plan.image);
    if (!graph_can_check) continue;
    auto request = step.request;
    request.batch_name.clear();
    apply_dry_run(nlohmann::json{{"dry_run", true}}, request.params);
    request.idempotent = true;  // validate_only changes nothing
    checks.push_back(std::move(request));
    checked.push_back(step.name);
  }
  auto answers = ctx.graph.batch(checks, true);
  nlohmann::json steps = nlohmann::json::array();
  if (plan.image) steps.push_back({{"step", "image"}, {"outcome", "checked"}, {"image", plan.image->shown}});
  for (const auto& step : plan.steps) {
    const auto at = std::find(checked.begin(), checked.end(), step.name);
    if (at == checked.end()) {
      steps.push_back({{"step", step.name}, {"outcome", "checked"}, {"by", "pre-flight"}});
      continue;
    }
    const auto& answer = answers[at - checked.begin()];
    auto ok = answer ? graph::expect_success(*answer, step.request.path) : std::unexpected(answer.error());
    if (!ok) return std::unexpected(under_step(ok.error(), step.name));
    steps.push_back({{"step", step.name}, {"outcome", "checked"}, {"by", "Meta validate_only"}});
  }
  OpOutput out;
  out.warnings = plan.warnings;
  out.data = {{"dry_run", true}, {"valid", true}, {"ad_account_id", plan.act_id}, {"steps", steps}};
  out.summary = "Dry run: every step of the launch checks out in " + plan.account.name + " (" + plan.act_id +
                "); nothing was made. Meta checks the ad set and ad for real when they are made.";
  return out;
}

// What an earlier identical launch made, answered again instead of a second campaign.
OpOutput already_launched(const nlohmann::json& args, const nlohmann::json& ids) {
  OpOutput out;
  out.data = {{"ad_account_id", args["ad_account_id"]}, {"ids", ids}, {"already_launched", true}};
  out.summary = "'" + args["name"].get<std::string>() + "' was already launched by an identical call: campaign " +
                ids.value("campaign_id", "") + (ids.contains("ad_id") ? ", ad " + ids["ad_id"].get<std::string>() : "") +
                ". Nothing new was made.";
  out.warnings.push_back("an identical launch_ad already made these; pass a different idempotency_key (or change "
                         "the args) to launch another");
  return out;
}

core::Result<OpOutput> launch_ad(const nlohmann::json& args, OpContext& ctx) {
  const bool dry_run = args.value("dry_run", false);
  LaunchOnce once(ctx, args);
  if (!dry_run) {
    auto earlier = once.earlier();
    if (!earlier) return std::unexpected(earlier.error());
    if (*earlier) return already_launched(args, **earlier);
  }
  auto plan = plan_launch(args, ctx);
  if (!plan) return std::unexpected(plan.error());
  if (dry_run) return dry_run_launch(*plan, ctx);
  once.started();

  nlohmann::json steps = nlohmann::json::array();
  if (plan->image) {
    auto hash = upload_launch_image(ctx, *plan);
    if (!hash) return std::unexpected(hash.error());
    nlohmann::json shown = plan->image->shown;
    shown["hash"] = *hash;
    if (*hash != plan->image->hash) use_graph_hash(*plan, *hash);
    steps.push_back({{"step", "image"}, {"outcome", "uploaded"}, {"image", shown}});
  }
  const LaunchRun run = run_launch(*plan, ctx);
  nlohmann::json ids = nlohmann::json::object();
  if (!plan->existing_campaign_id.empty()) ids["campaign_id"] = plan->existing_campaign_id;
  if (plan->image) ids["image_hash"] = steps[0]["image"]["hash"];
  std::vector<std::string> left;
  for (const auto& outcome : run.steps) {
    steps.push_back(outcome_json(outcome));
    if (outcome.outcome == "made") ids[outcome.step + "_id"] = outcome.id;
    if (outcome.outcome == "left") left.push_back(step_words(outcome.step) + " " + outcome.id);
    if (outcome.outcome == "unknown") left.push_back("perhaps the " + step_words(outcome.step) + " (" + outcome.note + ")");
  }
  if (!run.complete) {
    if (left.empty()) once.failed();  // nothing stands: the same call may simply run again
    core::Error error = run.cause.value_or(core::Error{core::ErrorKind::GraphApi, "a step was not made", {}, {},
                                                       std::nullopt, nullptr});
    const std::string failed = [&] {
      for (const auto& o : run.steps) {
        if (o.outcome == "failed" || o.outcome == "unknown" || (o.outcome == "not_made" && o.error)) {
          return step_words(o.step);
        }
      }
      return std::string("a");
    }();
    std::string made_text = left.empty() ? "nothing was left behind (what was made was deleted)"
                                         : "left behind, PAUSED: " + left.front();
    for (size_t i = 1; i < left.size(); ++i) made_text += ", " + left[i];
    // What stands at Meta is journaled with the failure (the router does it): list_changes shows it and
    // undo_change deletes it, newest first, after asking.
    store::ChangeSet left_change;
    left_change.outcome = "left_behind";
    for (const auto& outcome : run.steps) {
      if (outcome.outcome != "left") continue;
      store::ChangeItem item{outcome.step, outcome.id, plan->act_id, "create",
                             {{"name", {{"before", nullptr}, {"after", args["name"]}}}}};
      item.note = "left behind: launch_ad failed at the " + failed + " step and its clean-up could not delete it";
      left_change.items.push_back(std::move(item));
      left_change.graph_ids.push_back(outcome.id);
    }
    if (!left_change.items.empty()) {
      left_change.counts = {{"cleanup_failed", left_change.items.size()}};
      ctx.left_behind = std::move(left_change);
    }
    error.message = "launch_ad stopped at the " + failed + " step: " + error.message + "; " + made_text;
    if (plan->image) error.message += " (the uploaded image stays in the account's image library)";
    error.detail = {{"steps", steps}};
    return std::unexpected(std::move(error));
  }
  once.made(ids.value("adset_id", ""));
  OpOutput out;
  // One create per object the launch made, in the order made (undo_change deletes them newest first).
  out.change = store::ChangeSet{};
  for (const auto& outcome : run.steps) {
    if (outcome.outcome != "made") continue;
    out.change->items.push_back({outcome.step, outcome.id, plan->act_id, "create",
                                 {{"name", {{"before", nullptr}, {"after", args["name"]}}}}});
    out.change->graph_ids.push_back(outcome.id);
  }
  out.warnings = plan->warnings;
  out.warnings.push_back(plan->existing_campaign_id.empty()
                             ? "made PAUSED: nothing spends until the ad, its ad set and its campaign are resumed"
                             : "made PAUSED: nothing spends until the ad and its ad set are resumed (and only while "
                               "the campaign is ACTIVE)");
  const std::string ad_id = ids.value("ad_id", "");
  out.data = {{"ad_account_id", plan->act_id},
              {"status", "PAUSED"},
              {"ids", ids},
              {"steps", steps},
              {"next",
               {"preview_ad {\"ad_id\": \"" + ad_id + "\"} shows it",
                plan->existing_campaign_id.empty()
                    ? std::string("resume_campaign, resume_adset and resume_ad start it (each asks for confirmation)")
                    : std::string("resume_adset and resume_ad start it (each asks for confirmation); it delivers while "
                                  "campaign " + plan->existing_campaign_id + " is ACTIVE")}}};
  out.summary = "Launched '" + args["name"].get<std::string>() + "' in " + plan->account.name + " (" + plan->act_id +
                "), all PAUSED: campaign " + ids.value("campaign_id", "") +
                (plan->existing_campaign_id.empty() ? "" : " (existing)") + ", ad set " + ids.value("adset_id", "") +
                ", creative " + ids.value("creative_id", "") + ", ad " + ad_id + ".";
  return out;
}

}  // namespace

void register_launch_ops(tool::OpRegistry& registry) {
  registry.add({"launch_ad", "ads",
                "Make campaign → ad set → (image) → creative → ad in one call, all PAUSED; a failed step deletes what "
                "was made",
                tool::Effect::Write, false, launch_ad, {}});
}

}  // namespace fbmcp::ops
