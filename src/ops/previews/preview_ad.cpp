// preview_ad: how an ad looks in a placement, as Meta renders it. An existing ad (GET /<ad_id>/previews), a creative
// (GET /<creative_id>/previews) or a creative not made yet, in create_creative's args (GET
// /act_<id>/generatepreviews?creative={…}); several formats go in one batch. Graph answers an iframe
// (graph-api-facts.md §2); the result carries the iframe, the URL inside it and what to do with it.
#include <algorithm>

#include "embedded/embedded.hpp"
#include "ops/all_ops.hpp"
#include "ops/common/money_args.hpp"
#include "ops/common/object_view.hpp"
#include "ops/creatives/creative_kind.hpp"
#include "ops/creatives/story_spec.hpp"
#include "tool/catalog.hpp"

namespace fbmcp::ops {
namespace {

using tool::OpContext;
using tool::OpOutput;

// Meta SDK AdPreview.AdFormat's feed format, what most ads are seen in.
constexpr const char* kDefaultAdFormat = "MOBILE_FEED_STANDARD";
// Graph's iframes are ~250 bytes; anything far larger is not the iframe we know and is cut.
constexpr size_t kMaxPreviewBody = 4096;

struct PreviewTarget {
  std::string path;      // "<ad_id>/previews", "act_<n>/generatepreviews"
  std::string what;      // "ad 120212…", "the creative spec"
  std::string id_arg;    // the arg that named it, for errors
  graph::Params params;  // creative={…} for generatepreviews
};

core::Result<PreviewTarget> preview_target_of(const nlohmann::json& args) {
  const int given = static_cast<int>(args.contains("ad_id")) + static_cast<int>(args.contains("creative_id")) +
                    static_cast<int>(args.contains("creative"));
  if (given != 1) {
    return std::unexpected(invalid_args("give exactly one of ad_id, creative_id or creative",
                                        R"(an existing ad: {"ad_id": "120212000000000001"}; a creative not made yet: )"
                                        R"({"ad_account_id": "act_…", "creative": {"page_id": "…", "link": "…"}})",
                                        given == 0 ? "args.ad_id" : "args"));
  }
  if (args.contains("ad_id")) {
    const std::string id = args["ad_id"];
    return PreviewTarget{id + "/previews", "ad " + id, "ad_id", {}};
  }
  if (args.contains("creative_id")) {
    const std::string id = args["creative_id"];
    return PreviewTarget{id + "/previews", "creative " + id, "creative_id", {}};
  }
  if (!args.contains("ad_account_id")) {
    return std::unexpected(invalid_args("a creative spec is previewed in an ad account: give ad_account_id",
                                        "the account whose page and images the creative uses (list_ad_accounts)",
                                        "args.ad_account_id"));
  }
  auto act = tool::normalize_account_id(args["ad_account_id"].get<std::string>(), "args.ad_account_id");
  if (!act) return std::unexpected(act.error());
  const auto& creative = args["creative"];
  // generatepreviews takes an AdCreative (PSDK adaccount.py get_generate_previews 'creative': 'AdCreative'): the
  // same object_story_spec / object_story_id create_creative sends, built by the same code.
  nlohmann::json spec;
  if (creative.contains("object_story_id")) {
    spec = {{"object_story_id", creative["object_story_id"]}};
  } else if (!creative.contains("page_id")) {
    return std::unexpected(invalid_args("the creative needs page_id (a new ad) or object_story_id (a page post)",
                                        R"(e.g. {"page_id": "104857600000001", "link": "https://…"})",
                                        "args.creative.page_id"));
  } else {
    auto story = story_spec_of(creative);
    if (!story) {
      auto e = story.error();
      if (e.path.starts_with("args.")) e.path = "args.creative." + e.path.substr(5);
      return std::unexpected(e);
    }
    spec = {{"object_story_spec", *story}};
  }
  return PreviewTarget{*act + "/generatepreviews", "the creative spec in " + *act, "creative",
                       graph::Params{{"creative", spec}}};
}

std::vector<std::string> preview_formats_of(const nlohmann::json& args) {
  std::vector<std::string> formats;
  if (args.contains("ad_format")) formats.push_back(args["ad_format"]);
  for (const auto& listed : args.value("ad_formats", nlohmann::json::array())) {
    const std::string format = listed.get<std::string>();
    if (std::find(formats.begin(), formats.end(), format) == formats.end()) formats.push_back(format);
  }
  if (formats.empty()) formats.push_back(kDefaultAdFormat);
  return formats;
}

// Meta SDK AdPreview.AdFormat (fixtures/graph_model.json enums, from NSDK src/objects/ad-preview.js), for the
// suggestions when Graph refuses a format. Only suggestions: Graph decides, and may know newer formats.
const std::vector<std::string>& sdk_ad_formats() {
  static const std::vector<std::string> kFormats = [] {
    std::vector<std::string> formats;
    const auto text = embedded::find("fixtures/graph_model.json");
    const auto model = text ? nlohmann::json::parse(*text, nullptr, false) : nlohmann::json();
    if (!model.is_object()) return formats;
    const auto values = model.value("enums", nlohmann::json::object())
                            .value("adpreview.ad_format", nlohmann::json::object())
                            .value("values", nlohmann::json::array());
    for (const auto& value : values) {
      if (value.is_string()) formats.push_back(value.get<std::string>());
    }
    return formats;
  }();
  return kFormats;
}

// Graph's refusal in the terms of this call's args: an ad format that is not Meta's gets its closest values; an
// unknown id names the arg that carried it; a creative spec's fields name create_creative's args.
core::Error in_preview_terms(core::Error error, const PreviewTarget& target, const nlohmann::json& args,
                             const std::string& format) {
  const bool format_refused = error.kind == core::ErrorKind::InvalidArgs &&
                              (error.path == "ad_format" || error.message.find("Param ad_format ") != std::string::npos);
  if (format_refused) {
    // Blame the arg that carried the refused format.
    const bool from_list = args.value("ad_format", "") != format;
    error.path = from_list ? "args.ad_formats" : "args.ad_format";
    const auto close = tool::close_matches(sdk_ad_formats(), format);
    std::string names;
    for (const auto& name : close) names += (names.empty() ? "" : ", ") + name;
    error.message = "'" + format + "' is not one of Meta's ad formats";
    error.hint = names.empty() ? "use one of Meta's AdPreview ad formats, e.g. MOBILE_FEED_STANDARD, "
                                 "DESKTOP_FEED_STANDARD, INSTAGRAM_STANDARD, INSTAGRAM_STORY"
                               : "did you mean " + names + "?";
    return error;
  }
  if (error.kind == core::ErrorKind::NotFound && target.id_arg != "creative") {
    error.message = target.what + " does not exist or this token can't see it";
    error.hint = target.id_arg == "ad_id" ? "list_ads shows an account's ads" : "list_creatives shows an account's creatives";
    error.path = "args." + target.id_arg;
    return error;
  }
  if (target.id_arg == "creative") {
    auto mapped = in_arg_terms<int>(creative_kind(), std::unexpected(error));
    error = mapped.error();
    if (error.path.starts_with("args.")) {
      error.path = "args.creative." + error.path.substr(5);
      error.hint = "fix '" + error.path.substr(5) + "' and call again";
    }
  }
  return error;
}

// The iframe Graph answered → the URL in its src (the attribute holds "&amp;" for "&").
std::string preview_url_of(const std::string& body) {
  const auto start = body.find("src=\"");
  if (start == std::string::npos) return {};
  const auto end = body.find('"', start + 5);
  if (end == std::string::npos) return {};
  std::string url = body.substr(start + 5, end - start - 5);
  for (size_t at = url.find("&amp;"); at != std::string::npos; at = url.find("&amp;", at + 1)) url.replace(at, 5, "&");
  return url;
}

core::Result<nlohmann::json> preview_row(const nlohmann::json& answer, const std::string& format,
                                         const PreviewTarget& target, std::vector<std::string>& warnings) {
  const auto data = answer.is_object() ? answer.value("data", nlohmann::json::array()) : nlohmann::json::array();
  if (!data.is_array() || data.empty() || !data[0].is_object() || !data[0].contains("body") ||
      !data[0]["body"].is_string()) {
    return core::fail(core::ErrorKind::GraphApi, "Graph answered no preview for " + target.what + " in " + format,
                      "try another ad_format: not every creative has every placement");
  }
  std::string body = data[0]["body"];
  if (body.size() > kMaxPreviewBody) {
    body = body.substr(0, kMaxPreviewBody);
    warnings.push_back("the " + format + " iframe was cut at " + std::to_string(kMaxPreviewBody) + " bytes");
  }
  return nlohmann::json{{"ad_format", format}, {"url", preview_url_of(body)}, {"iframe", body}};
}

core::Result<OpOutput> preview_ad(const nlohmann::json& args, OpContext& ctx) {
  auto target = preview_target_of(args);
  if (!target) return std::unexpected(target.error());
  const auto formats = preview_formats_of(args);
  std::vector<graph::GraphRequest> requests;
  for (const auto& format : formats) {
    graph::GraphRequest request{"GET", target->path, target->params, {}, true};
    request.params.set("ad_format", format);
    for (const char* key : {"locale", "width", "height"}) {
      if (args.contains(key)) request.params.set(key, args[key]);
    }
    requests.push_back(std::move(request));
  }
  ctx.report("asking Meta for " + std::to_string(formats.size()) + " preview(s) of " + target->what);
  std::vector<core::Result<nlohmann::json>> answers;
  if (requests.size() == 1) {
    answers.push_back(ctx.graph.get(requests[0].path, requests[0].params));
  } else {
    answers = ctx.graph.batch(requests, true);  // reads: safe to re-send
  }
  OpOutput out;
  auto items = nlohmann::json::array();
  for (size_t i = 0; i < formats.size(); ++i) {
    if (!answers[i]) return std::unexpected(in_preview_terms(answers[i].error(), *target, args, formats[i]));
    auto row = preview_row(*answers[i], formats[i], *target, out.warnings);
    if (!row) return std::unexpected(row.error());
    items.push_back(std::move(*row));
  }
  out.data = {{"previewed", target->what},
              {"items", items},
              {"count", items.size()},
              {"hint", "open a url in a browser to see the ad as Meta renders it, or embed the iframe in a page. "
                       "Meta's links expire after a while: call again for fresh ones. Emulated links (fake mode) "
                       "open only when the calls go through `facebook-mcp fake-graph`, which serves them."}};
  // Every link whole, one a line: hosts that show only text would cut them in a table cell.
  out.summary = std::to_string(items.size()) + " preview(s) of " + target->what + ".\nOpen a url in a browser to "
                "see the ad as Meta renders it:";
  for (const auto& item : items) {
    out.summary += "\n" + item["ad_format"].get<std::string>() + ": " + item["url"].get<std::string>();
  }
  return out;
}

}  // namespace

void register_preview_ops(tool::OpRegistry& registry) {
  registry.add({"preview_ad", "ads",
                "How an ad, a creative or a creative spec not made yet looks in Meta's placements: preview URLs "
                "and iframes, several formats at once",
                tool::Effect::Read, true, preview_ad, {}});
}

}  // namespace fbmcp::ops
