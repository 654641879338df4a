#include "ops/insights/insights_request.hpp"

#include "graph/json_fields.hpp"

namespace fbmcp::ops {
namespace {

core::Error invalid(const std::string& path, const std::string& message, const std::string& example) {
  core::Error e{core::ErrorKind::InvalidArgs, message, "fix '" + path + "', e.g. " + example, path, std::nullopt, nullptr};
  return e;
}

}  // namespace

const std::vector<std::string>& canonical_metric_names() {
  static const std::vector<std::string> kNames = {"impressions", "reach", "frequency", "clicks", "link_clicks",
                                                  "spend", "ctr", "cpc", "cpm", "conversions",
                                                  "cost_per_conversion", "revenue", "roas"};
  return kNames;
}

core::Result<InsightsSubject> resolve_insights_subject(const nlohmann::json& args, tool::OpContext& ctx) {
  InsightsSubject subject;
  static const std::pair<const char*, const char*> kObjects[] = {
      {"ad_account_id", "account"}, {"campaign_id", "campaign"}, {"adset_id", "adset"}, {"ad_id", "ad"}};
  std::vector<std::string> given;
  for (const auto& [arg, level] : kObjects) {
    if (!args.contains(arg)) continue;
    given.push_back(arg);
    subject.object_level = level;
    subject.object_id = args[arg].get<std::string>();
  }
  if (given.size() != 1) {
    return std::unexpected(invalid(given.empty() ? "ad_account_id" : given[1],
                                   given.empty() ? "say whose insights: one of ad_account_id, campaign_id, adset_id, ad_id"
                                                 : "give one of ad_account_id, campaign_id, adset_id, ad_id, not several",
                                   "{\"campaign_id\":\"120210000000000001\"}"));
  }
  if (subject.object_level == "account") {
    auto act = tool::normalize_account_id(subject.object_id);
    if (!act) return std::unexpected(act.error());
    subject.object_id = subject.account = *act;
  } else {
    auto node = ctx.graph.get(subject.object_id, {{"fields", "account_id"}});
    if (!node) {
      auto e = node.error();
      if (e.kind == core::ErrorKind::NotFound || e.kind == core::ErrorKind::InvalidArgs) {
        e.path = given[0];
        e.hint = "give the id of a " + subject.object_level + " the token can read";
      }
      return std::unexpected(e);
    }
    const auto account_id = graph::read_string(*node, "account_id");
    if (!account_id || !*account_id) {
      return core::fail(core::ErrorKind::GraphApi, "Graph's answer for " + subject.object_id + " has no account_id");
    }
    subject.account = "act_" + **account_id;
  }
  auto account = ctx.graph.get(subject.account, {{"fields", "currency,timezone_name"}});
  if (!account) return std::unexpected(account.error());
  const auto currency = graph::read_string(*account, "currency");
  const auto zone = graph::read_string(*account, "timezone_name");
  if (!currency || !*currency) {
    return core::fail(core::ErrorKind::GraphApi, "Graph's answer for " + subject.account + " has no currency");
  }
  subject.currency = **currency;
  subject.time_zone = zone && *zone ? **zone : "";
  return subject;
}

core::Result<InsightsRequest> build_insights_request(const nlohmann::json& args, const InsightsSubject& subject) {
  InsightsRequest r;
  r.level = args.value("level", subject.object_level);
  static const std::vector<std::string> kLevels = {"account", "campaign", "adset", "ad"};
  const auto depth = [&](const std::string& level) {
    return std::find(kLevels.begin(), kLevels.end(), level) - kLevels.begin();
  };
  if (depth(r.level) < depth(subject.object_level)) {
    return std::unexpected(invalid("level", "level " + r.level + " is above the " + subject.object_level +
                                                " asked about; insights roll up to that object, not above it",
                                   "\"" + subject.object_level + "\" or a level below"));
  }
  r.params.set("level", r.level);
  r.fresh = args.value("fresh", false);

  const bool has_since = args.contains("since"), has_until = args.contains("until");
  if (has_since != has_until) {
    const std::string missing = has_since ? "until" : "since";
    return std::unexpected(invalid(missing, "since and until go together; " + missing + " is missing",
                                   "{\"since\":\"2026-11-01\",\"until\":\"2026-11-07\"}"));
  }
  if (has_since && args.contains("date_preset")) {
    return std::unexpected(invalid("date_preset", "give either date_preset or since/until, not both",
                                   "{\"date_preset\":\"last_7d\"}"));
  }
  if (has_since) {
    const std::string since = args["since"].get<std::string>(), until = args["until"].get<std::string>();
    if (since > until) {
      return std::unexpected(invalid("since", "since " + since + " is after until " + until,
                                     "{\"since\":\"2026-11-01\",\"until\":\"2026-11-07\"}"));
    }
    r.params.set("time_range", nlohmann::json{{"since", since}, {"until", until}});
    r.period = since + ".." + until;
  } else {
    r.period = args.value("date_preset", "last_30d");
    r.params.set("date_preset", r.period);
  }
  if (args.contains("time_increment")) {
    const auto& inc = args["time_increment"];
    r.params.set("time_increment", inc.is_string() ? inc.get<std::string>() : std::to_string(inc.get<int64_t>()));
  }
  if (args.contains("breakdowns") && !args["breakdowns"].empty()) {
    r.breakdowns = args["breakdowns"].get<std::vector<std::string>>();
    std::string joined;
    for (const auto& b : r.breakdowns) joined += (joined.empty() ? "" : ",") + b;
    r.params.set("breakdowns", joined);
  }
  if (args.contains("attribution_windows") && !args["attribution_windows"].empty()) {
    r.windows = args["attribution_windows"].get<std::vector<std::string>>();
    r.params.set("action_attribution_windows", args["attribution_windows"]);
  }
  if (args.contains("filtering")) r.params.set("filtering", args["filtering"]);
  if (args.contains("sort")) r.params.set("sort", nlohmann::json::array({args["sort"]}));

  std::string fields;
  const auto add = [&](const std::string& f) { fields += (fields.empty() ? "" : ",") + f; };
  if (r.level != "account") {
    add(r.level + "_id");
    add(r.level + "_name");
  }
  for (const char* f : {"impressions", "reach", "clicks", "inline_link_clicks", "spend", "actions", "action_values"}) add(f);
  r.params.set("fields", fields);
  return r;
}

core::Error blame_insights_args(core::Error error) {
  // Graph's parameter → the op's argument.
  static const std::pair<const char*, const char*> kNames[] = {
      {"time_range", "since"}, {"action_attribution_windows", "attribution_windows"}, {"fields", "metrics"},
      {"breakdowns[0]", "breakdowns"}};
  for (const auto& [graph_name, arg] : kNames) {
    if (error.path == graph_name) error.path = arg;
  }
  if (!error.path.empty() && error.hint.empty()) error.hint = "fix '" + error.path + "' and call again";
  return error;
}

}  // namespace fbmcp::ops
