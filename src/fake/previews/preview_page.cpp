#include "fake/previews/preview_page.hpp"

#include <string_view>
#include <vector>

#include "core/json_read.hpp"
#include "fake/previews/preview_token.hpp"

namespace fbmcp::fake {
namespace {

std::string html_escaped(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (const char c : text) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&#39;"; break;
      default: out += c;
    }
  }
  return out;
}

// The button shows the call-to-action type in words, as Ads Manager labels it: LEARN_MORE → "Learn more".
std::string cta_label(const std::string& type) {
  std::string label;
  for (size_t i = 0; i < type.size(); ++i) {
    const char c = type[i];
    if (c == '_') label += ' ';
    else if (i == 0) label += c;
    else label += (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
  }
  return label;
}

struct PreviewCard {
  std::string headline, description, link, image_url;
};

struct PreviewContent {
  std::string page_name, message, headline, description, link, image_url, cta, post_id;
  std::vector<PreviewCard> cards;
};

std::string preview_text_at(const nlohmann::json& object, const char* key) {
  return object.is_object() ? core::string_or_empty(object, key) : std::string();
}

// An account image's URL (adimages are keyed "<account_id>:<hash>", fake/rules/creative_rules.cpp).
std::string preview_image_url(const ObjectStore& store, const std::string& account_id, const std::string& hash) {
  if (hash.empty()) return {};
  const Node* image = store.find(account_id + ":" + hash);
  return image ? core::string_or_empty(image->data, "url") : std::string();
}

// What the ad shows, from the creative as the emulator stores it (object_story_spec's link_data or video_data, or
// an existing page post) — the same fields Graph's AdCreative carries (PSDK adcreativelinkdata.py,
// adcreativevideodata.py).
PreviewContent preview_content_of(const ObjectStore& store, const nlohmann::json& creative) {
  PreviewContent content;
  const std::string account_id = preview_text_at(creative, "account_id");
  const auto spec = creative.value("object_story_spec", nlohmann::json::object());
  std::string page_id = preview_text_at(spec, "page_id");
  if (page_id.empty()) {
    content.post_id = preview_text_at(creative, "object_story_id");
    page_id = content.post_id.substr(0, content.post_id.find('_'));
  }
  if (const Node* page = store.find(page_id)) content.page_name = core::string_or_empty(page->data, "name");
  const bool video = spec.contains("video_data");
  const auto story = spec.value(video ? "video_data" : "link_data", nlohmann::json::object());
  content.message = preview_text_at(story, "message");
  content.headline = preview_text_at(story, video ? "title" : "name");
  content.description = preview_text_at(story, video ? "link_description" : "description");
  content.link = preview_text_at(story, "link");
  const auto cta = story.value("call_to_action", nlohmann::json::object());
  content.cta = cta_label(preview_text_at(cta, "type"));
  if (content.link.empty()) content.link = preview_text_at(cta.value("value", nlohmann::json::object()), "link");
  content.image_url = preview_image_url(store, account_id, preview_text_at(story, "image_hash"));
  if (content.image_url.empty()) content.image_url = preview_text_at(creative, "thumbnail_url");
  if (content.image_url.empty()) content.image_url = preview_text_at(story, video ? "image_url" : "picture");
  for (const auto& card : story.value("child_attachments", nlohmann::json::array())) {
    PreviewCard c{preview_text_at(card, "name"), preview_text_at(card, "description"), preview_text_at(card, "link"),
                  preview_image_url(store, account_id, preview_text_at(card, "image_hash"))};
    if (c.image_url.empty()) c.image_url = preview_text_at(card, "picture");
    content.cards.push_back(std::move(c));
  }
  return content;
}

std::string preview_image_tag(const std::string& url, const std::string& alt) {
  if (url.empty()) return "<div class=\"image missing\">No image</div>";
  return "<img class=\"image\" src=\"" + html_escaped(url) + "\" alt=\"" + html_escaped(alt) + "\">";
}

std::string preview_html(const PreviewContent& c, const std::string& ad_format, int width) {
  std::string html = "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>Ad preview · " +
                     html_escaped(ad_format) + "</title>\n<style>body{margin:0;font-family:Helvetica,Arial,"
                     "sans-serif;background:#f0f2f5}.ad{box-sizing:border-box;width:" + std::to_string(width) +
                     "px;background:#fff;border:1px solid #dddfe2;border-radius:8px;margin:8px auto;overflow:hidden}"
                     ".page{font-weight:bold;padding:12px 12px 0}.sponsored{color:#65676b;font-size:12px;padding:0 "
                     "12px}.message{padding:8px 12px;white-space:pre-wrap}.image{display:block;width:100%}.missing{"
                     "background:#e4e6eb;height:160px;text-align:center;line-height:160px;color:#65676b}.footer{"
                     "display:flex;align-items:center;gap:8px;background:#f0f2f5;padding:10px 12px}.texts{flex:1}"
                     ".headline{font-weight:bold}.description{color:#65676b;font-size:13px}.cta{background:#e4e6eb;"
                     "border:0;border-radius:6px;padding:8px 12px;font-weight:bold}.cards{display:flex;overflow-x:"
                     "auto}.card{min-width:70%;border-right:1px solid #dddfe2}</style></head>\n<body>\n";
  html += "<div class=\"ad\" data-ad-format=\"" + html_escaped(ad_format) + "\">\n";
  html += "<div class=\"page\">" + html_escaped(c.page_name.empty() ? "Facebook Page" : c.page_name) + "</div>\n";
  html += "<div class=\"sponsored\">Sponsored</div>\n";
  if (!c.message.empty()) html += "<div class=\"message\">" + html_escaped(c.message) + "</div>\n";
  if (!c.post_id.empty()) {
    html += "<div class=\"message\">Page post " + html_escaped(c.post_id) + "</div>\n";
  }
  const auto footer = [&](const std::string& headline, const std::string& description, const std::string& link) {
    std::string out = "<div class=\"footer\"><div class=\"texts\">";
    if (!link.empty()) out += "<div class=\"description link\">" + html_escaped(link) + "</div>";
    if (!headline.empty()) out += "<div class=\"headline\">" + html_escaped(headline) + "</div>";
    if (!description.empty()) out += "<div class=\"description\">" + html_escaped(description) + "</div>";
    out += "</div>";
    if (!c.cta.empty()) out += "<button class=\"cta\" type=\"button\">" + html_escaped(c.cta) + "</button>";
    return out + "</div>\n";
  };
  if (!c.cards.empty()) {
    html += "<div class=\"cards\">\n";
    for (const auto& card : c.cards) {
      html += "<div class=\"card\">" + preview_image_tag(card.image_url, card.headline) +
              footer(card.headline, card.description, card.link) + "</div>\n";
    }
    html += "</div>\n";
  } else if (c.post_id.empty()) {
    html += preview_image_tag(c.image_url, c.headline) + footer(c.headline, c.description, c.link);
  }
  return html + "</div>\n</body></html>\n";
}

graph::HttpResponse preview_html_response(int status, std::string body) {
  graph::HttpResponse response;
  response.status = status;
  response.headers["content-type"] = "text/html; charset=utf-8";
  response.body = std::move(body);
  return response;
}

graph::HttpResponse preview_not_found() {
  return preview_html_response(404, "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>Preview not "
                            "found</title></head><body><h1>Preview not found</h1><p>This preview link is not one the "
                            "emulator handed out, or its creative no longer exists. Ask Graph for a new one (GET "
                            "/&lt;ad_id&gt;/previews).</p></body></html>\n");
}

}  // namespace

PreviewFrame preview_frame(const std::string& ad_format) {
  // Desktop placements are wider; the sizes are those of Graph's answers for DESKTOP_FEED_STANDARD and
  // MOBILE_FEED_STANDARD (preview_edges.cpp), used for every desktop / other format alike.
  const bool desktop = ad_format.find("DESKTOP") != std::string::npos || ad_format == "RIGHT_COLUMN_STANDARD";
  return desktop ? PreviewFrame{540, 690} : PreviewFrame{335, 450};
}

graph::HttpResponse render_preview_page(const ObjectStore& store, const ParamMap& params) {
  const auto d = param(params, "d");
  const auto t = param(params, "t");
  if (!d || !t) return preview_not_found();
  const auto payload = open_preview(*d, *t);
  if (!payload) return preview_not_found();
  nlohmann::json creative;
  if (payload->contains("creative") && (*payload)["creative"].is_object()) {
    creative = (*payload)["creative"];
  } else {
    const Node* stored = store.find(preview_text_at(*payload, "creative_id"));
    if (!stored || stored->type != "adcreative") return preview_not_found();
    creative = stored->data;
  }
  const std::string format = preview_text_at(*payload, "ad_format");
  const int width = payload->value("width", preview_frame(format).width);
  return preview_html_response(200, preview_html(preview_content_of(store, creative), format, width));
}

}  // namespace fbmcp::fake
