// create_custom_audience (POST /act_<id>/customaudiences): a customer list (subtype CUSTOM + customer_file_source),
// a website audience (subtype WEBSITE, a pixel rule) or an engagement audience (subtype ENGAGEMENT, a Page or
// Instagram rule). create_lookalike_audience: subtype LOOKALIKE with origin_audience_id and lookalike_spec
// (FBD → documentation/ads-commerce/marketing-api/audiences/guides/lookalike-audiences; graph-api-facts.md §2).
// Both take dry_run (execution_options validate_only, DESIGN §5).
#include <cctype>

#include "ops/all_ops.hpp"
#include "ops/audiences/audience_view.hpp"
#include "ops/audiences/audiences_ops.hpp"
#include "ops/common/idempotent_create.hpp"
#include "ops/common/write_support.hpp"

namespace fbmcp::ops {
namespace {

using tool::OpContext;
using tool::OpOutput;

core::Result<OpOutput> invalid_create(const std::string& path, const std::string& message, const std::string& hint) {
  auto e = core::fail(core::ErrorKind::InvalidArgs, message, hint);
  e.error().path = path;
  return e;
}

// A rule with one inclusion: the event source, how long people stay, and for websites an optional URL filter.
// Shape as FBD's website/engagement audience guides show it (also facebook/facebook-ruby-business-sdk issue #55).
nlohmann::json one_source_rule(const nlohmann::json& source, int retention_days, const std::string& url_contains) {
  nlohmann::json rule = {{"event_sources", nlohmann::json::array({source})}, {"retention_seconds", retention_days * 86400}};
  if (!url_contains.empty()) {
    rule["filter"] = {{"operator", "and"},
                      {"filters", nlohmann::json::array({{{"field", "url"}, {"operator", "i_contains"}, {"value", url_contains}}})}};
  }
  return {{"inclusions", {{"operator", "or"}, {"rules", nlohmann::json::array({rule})}}}};
}

// A create that is never duplicated (ops/common/idempotent_create.hpp): a retried call with the same args (or the
// same idempotency_key) returns the audience the first one made. Audiences have time_created, not created_time,
// so reconciliation tells a new one from older namesakes by the ids that existed before.
core::Result<OpOutput> create_audience_at(OpContext& ctx, const std::string& op, const std::string& act,
                                          graph::Params params, const nlohmann::json& args, const std::string& what) {
  const bool dry_run = apply_dry_run(args, params);
  ctx.report((dry_run ? "validating " : "creating ") + what + " in " + act);
  OpOutput out;
  if (dry_run) {
    auto validated = ctx.graph.post(act + "/customaudiences", params);
    if (!validated) return std::unexpected(validated.error());
    out.data = {{"dry_run", true}, {"valid", true}, {"would_send", params_json(params)}};
    out.summary = "Dry run: Meta accepted the " + what + "; nothing was created.";
    return out;
  }
  const std::string* name = params.find("name");
  CreateRequest request{op, act + "/customaudiences", params, name ? *name : std::string(), {}, {}, false};
  auto created = idempotent_create(ctx, args, request);
  if (!created) return std::unexpected(created.error());
  out.warnings = created->warnings;
  const std::string id = created->id;
  auto audience = fetch_audience(ctx, id);
  if (!audience) return std::unexpected(audience.error());
  out.data = {{"ad_account_id", act}, {"audience", *audience}};
  if (!created->made_earlier) {
    out.change = store::ChangeSet{{store::ChangeItem{"audience", id, act, "create",
                                                     {{"name", {{"before", nullptr},
                                                                {"after", audience->value("name", "")}}}}}},
                                  {id}};
  }
  // With a warning the audience may come from an earlier call (idempotent_create says which); the summary then
  // does not claim this call made it.
  out.summary = (out.warnings.empty() ? "Created " + what + " " : what + " ") + id + " '" + audience->value("name", "") +
                "' in " + act + (out.warnings.empty() ? "." : " (see the warning).");
  if (!out.warnings.empty()) out.summary[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(out.summary[0])));
  return out;
}

core::Result<OpOutput> create_custom_audience(const nlohmann::json& args, OpContext& ctx) {
  auto act = tool::normalize_account_id(args["ad_account_id"].get<std::string>());
  if (!act) return std::unexpected(act.error());
  const std::string kind = args["kind"].get<std::string>();
  graph::Params params{{"name", args["name"]}};
  if (args.contains("description")) params.set("description", args["description"]);
  const int retention = args.value("retention_days", 30);
  if (kind == "customer_list") {
    if (!args.contains("customer_file_source")) {
      return invalid_create("customer_file_source", "a customer list needs customer_file_source",
                            "say how the data was collected: USER_PROVIDED_ONLY (from your customers), "
                            "PARTNER_PROVIDED_ONLY or BOTH_USER_AND_PARTNER_PROVIDED");
    }
    params.set("subtype", "CUSTOM");
    params.set("customer_file_source", args["customer_file_source"]);
    auto out = create_audience_at(ctx, "create_custom_audience", *act, params, args, "customer list audience");
    if (out && !args.value("dry_run", false)) {
      out->next = nlohmann::json{{"op", "add_audience_users"},
                                 {"args", {{"audience_id", out->data["audience"].value("id", "")}}},
                                 {"why", "the list is empty: add customers (inline rows or a CSV file); they are hashed before sending"}};
    }
    return out;
  }
  if (kind == "website") {
    if (!args.contains("pixel_id")) {
      return invalid_create("pixel_id", "a website audience needs pixel_id", "give the Meta pixel id whose visitors to collect, e.g. \"1234567890\"");
    }
    params.set("subtype", "WEBSITE");
    params.set("rule", one_source_rule({{"type", "pixel"}, {"id", args["pixel_id"]}}, retention, args.value("url_contains", "")));
    return create_audience_at(ctx, "create_custom_audience", *act, params, args, "website audience");
  }
  // engagement
  const bool page = args.contains("page_id");
  if (page == args.contains("instagram_account_id")) {
    return invalid_create(page ? "instagram_account_id" : "page_id", "an engagement audience needs exactly one of page_id or instagram_account_id",
                          "give page_id (people who engaged with a Page) or instagram_account_id (with an Instagram account)");
  }
  params.set("subtype", "ENGAGEMENT");
  const nlohmann::json source = page ? nlohmann::json{{"type", "page"}, {"id", args["page_id"]}}
                                     : nlohmann::json{{"type", "ig_business"}, {"id", args["instagram_account_id"]}};
  params.set("rule", one_source_rule(source, retention, ""));
  return create_audience_at(ctx, "create_custom_audience", *act, params, args, "engagement audience");
}

std::string percent_text(double ratio) { return std::to_string(static_cast<int>(ratio * 100 + 0.5)) + "%"; }

core::Result<OpOutput> create_lookalike_audience(const nlohmann::json& args, OpContext& ctx) {
  auto act = tool::normalize_account_id(args["ad_account_id"].get<std::string>());
  if (!act) return std::unexpected(act.error());
  const std::string source_id = args["source_audience_id"].get<std::string>();
  auto source = fetch_audience(ctx, source_id);
  if (!source) {
    auto error = source.error();
    if (error.path == "audience_id") error.path = "source_audience_id";
    return std::unexpected(std::move(error));
  }
  const auto& countries = args["countries"];
  const double ratio = args["ratio_percent"].get<int>() / 100.0;
  const double start = args.value("starting_percent", 0) / 100.0;
  if (start >= ratio) {
    return invalid_create("starting_percent", "starting_percent must be below ratio_percent",
                          "e.g. starting_percent 1 and ratio_percent 2 for the 1%–2% band");
  }
  nlohmann::json spec = {{"type", "custom_ratio"}, {"ratio", ratio}};
  if (start > 0) spec["starting_ratio"] = start;
  if (countries.size() == 1) spec["country"] = countries[0];
  else spec["location_spec"] = {{"geo_locations", {{"countries", countries}}}};
  std::string country_text;
  for (const auto& c : countries) country_text += (country_text.empty() ? "" : ", ") + c.get<std::string>();
  const std::string band = start > 0 ? percent_text(start) + "–" + percent_text(ratio) : percent_text(ratio);
  const std::string name = args.value("name", "Lookalike (" + country_text + ", " + band + ") – " + source->value("name", ""));
  graph::Params params{{"name", name}, {"subtype", "LOOKALIKE"}, {"origin_audience_id", source_id}, {"lookalike_spec", spec}};
  auto out = create_audience_at(ctx, "create_lookalike_audience", *act, params, args, "lookalike audience");
  if (out && !args.value("dry_run", false)) {
    out->warnings.push_back("Meta builds a lookalike over a while: until then its size is not known (get_audience shows when it is ready)");
  }
  return out;
}

}  // namespace

void register_audience_create_ops(tool::OpRegistry& registry) {
  registry.add({"create_custom_audience", "audiences",
                "Create a customer-list, website (pixel) or engagement (Page/Instagram) custom audience; dry_run validates only",
                tool::Effect::Write, false, create_custom_audience, {}});
  registry.add({"create_lookalike_audience", "audiences",
                "Create a lookalike of a source audience in one or more countries, 1–20% (or a band); dry_run validates only",
                tool::Effect::Write, false, create_lookalike_audience, {}});
}

}  // namespace fbmcp::ops
