#include "fake/graph_emulator.hpp"

#include "graph/graph_time.hpp"

#include <algorithm>
#include <chrono>
#include <ctime>
#include <optional>
#include <string_view>

#include "core/log.hpp"
#include "fake/delivery/change_history.hpp"
#include "fake/edge_listing.hpp"
#include "fake/previews/preview_edges.hpp"
#include "fake/previews/preview_page.hpp"
#include "fake/rules/audience_rules.hpp"
#include "fake/rules/audience_users.hpp"
#include "fake/async_requests.hpp"
#include "fake/rules/copy_rules.hpp"
#include "fake/rules/image_rules.hpp"
#include "fake/rules/instagram_rules.hpp"
#include "fake/rules/pages_rules.hpp"
#include "fake/rules/social_insights.hpp"
#include "fake/rules/video_rules.hpp"
#include "fake/rules/write_rules.hpp"
#include "fake/status_rules.hpp"
#include "fake/targeting/targeting_edges.hpp"
#include "fake/targeting/targeting_search.hpp"
#include "graph/form_encoding.hpp"

namespace fbmcp::fake {
namespace {

std::string system_now() {
  const std::time_t t = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buffer[32];
  std::strftime(buffer, sizeof buffer, "%Y-%m-%dT%H:%M:%S+0000", &tm);
  return buffer;
}

// Paths and batch bodies come from clients: they are scanned by hand, never with std::regex, whose backtracking
// recurses per character and can exhaust the stack on a long input (DESIGN §10).
bool is_digit(char c) { return c >= '0' && c <= '9'; }
bool is_alnum(char c) { return is_digit(c) || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z'); }

// "v24.0": a version segment, which Graph accepts in front of any path.
bool is_version(const std::string& part) {
  const auto dot = part.find('.');
  const auto digits = [&](size_t begin, size_t end) {
    return begin < end && std::all_of(part.begin() + begin, part.begin() + end, is_digit);
  };
  return part.size() >= 4 && part[0] == 'v' && dot != std::string::npos && digits(1, dot) &&
         digits(dot + 1, part.size());
}

// A batch reference "{result=<name>:$.<path>}" starting at `at` (FBD/graph-api/batch-requests).
struct BatchReference {
  std::string name;
  std::string path;
  size_t length = 0;
};

std::optional<BatchReference> reference_at(const std::string& text, size_t at) {
  static constexpr std::string_view kOpen = "{result=";
  if (text.compare(at, kOpen.size(), kOpen) != 0) return std::nullopt;
  const auto name_char = [](char c) { return is_alnum(c) || c == '_' || c == '-'; };
  const auto path_char = [](char c) { return is_alnum(c) || c == '_' || c == '.' || c == '*'; };
  size_t i = at + kOpen.size();
  const size_t name_begin = i;
  while (i < text.size() && name_char(text[i])) ++i;
  if (i == name_begin || text.compare(i, 3, ":$.") != 0) return std::nullopt;
  const size_t name_end = i;
  i += 3;
  const size_t path_begin = i;
  while (i < text.size() && path_char(text[i])) ++i;
  if (i == path_begin || i >= text.size() || text[i] != '}') return std::nullopt;
  return BatchReference{text.substr(name_begin, name_end - name_begin), text.substr(path_begin, i - path_begin),
                        i + 1 - at};
}

std::vector<std::string> split_path(std::string path) {
  std::vector<std::string> parts;
  size_t start = 0;
  while (start <= path.size()) {
    const auto slash = path.find('/', start);
    auto part = path.substr(start, slash == std::string::npos ? std::string::npos : slash - start);
    if (!part.empty()) parts.push_back(graph::url_decode(part));
    if (slash == std::string::npos) break;
    start = slash + 1;
  }
  if (!parts.empty() && is_version(parts.front())) parts.erase(parts.begin());
  return parts;
}

// Which objects an edge of a node lists.
struct EdgeSpec {
  const char* parent_type;
  const char* edge;
  const char* child_type;
  const char* link_field;  // child's field holding the parent's id; nullptr = special rule
};

constexpr EdgeSpec kObjectEdges[] = {
    {"user", "adaccounts", "adaccount", nullptr},
    {"user", "accounts", "page", nullptr},
    {"user", "businesses", "business", nullptr},
    {"business", "owned_ad_accounts", "adaccount", "owner"},
    {"adaccount", "campaigns", "campaign", "account_id"},
    {"adaccount", "adsets", "adset", "account_id"},
    {"adaccount", "ads", "ad", "account_id"},
    {"adaccount", "adcreatives", "adcreative", "account_id"},
    {"adaccount", "adimages", "adimage", "account_id"},
    {"adaccount", "advideos", "advideo", "account_id"},
    {"adaccount", "customaudiences", "customaudience", "account_id"},
    {"adaccount", "saved_audiences", "savedaudience", "account_id"},
    {"campaign", "adsets", "adset", "campaign_id"},
    {"campaign", "ads", "ad", "campaign_id"},
    {"adset", "ads", "ad", "adset_id"},
    {"ig_user", "media", "ig_media", nullptr},
    {"ig_media", "children", "ig_media", kCarouselParentKey},
    {"page", "posts", "page_post", "page_id"},
    {"page", "published_posts", "page_post", "page_id"},
};

const EdgeSpec* find_edge(const std::string& parent_type, const std::string& edge) {
  for (const auto& spec : kObjectEdges) {
    if (parent_type == spec.parent_type && edge == spec.edge) return &spec;
  }
  return nullptr;
}

// The id a child stores for its parent: ad accounts are "act_<n>" but children hold the bare account_id.
std::string link_value(const Node& parent) {
  if (parent.type == "adaccount") return parent.data.value("account_id", "");
  return parent.data.value("id", "");
}

bool belongs(const EdgeSpec& spec, const Node& parent, const Node& child) {
  if (spec.link_field && child.type == "customaudience" && is_shared_with(child, parent.data.value("id", ""))) return true;
  if (spec.link_field) return child.data.value(spec.link_field, "") == link_value(parent);
  if (spec.parent_type == std::string("ig_user")) {
    return child.data.contains("owner") && child.data["owner"].value("id", "") == parent.data.value("id", "");
  }
  const char* list = spec.edge == std::string("adaccounts") ? "adaccounts"
                     : spec.edge == std::string("accounts") ? "accounts"
                                                            : "businesses";
  const auto& ids = parent.data.value(list, nlohmann::json::array());
  return std::find(ids.begin(), ids.end(), child.data.value("id", "")) != ids.end();
}

std::vector<std::string> default_fields(const std::string& type) {
  if (type == "user" || type == "page" || type == "business") return {"id", "name"};
  return {"id"};
}

}  // namespace

GraphEmulator::GraphEmulator(World world, EmulatorOptions options)
    : world_(std::move(world)), options_(std::move(options)) {
  if (!options_.now) options_.now = system_now;
}

size_t GraphEmulator::count(const std::string& type) const {
  std::lock_guard lock(mutex_);
  return world_.store.count(type);
}

size_t GraphEmulator::count_not_deleted(const std::string& type) const {
  std::lock_guard lock(mutex_);
  return world_.store.select(type, [](const Node& n) { return n.data.value("status", "") != "DELETED"; }).size();
}

void GraphEmulator::set_base_url(std::string base_url) {
  std::lock_guard lock(mutex_);
  options_.base_url = std::move(base_url);
}

graph::HttpResponse GraphEmulator::handle(const std::string& method, const std::string& path, const ParamMap& params) {
  std::lock_guard lock(mutex_);
  if (state_file_) return handle_persisted(method, path, params);
  return handle_locked(method, path, params);
}

core::Result<void> GraphEmulator::persist_to(std::shared_ptr<WorldStateFile> file) {
  std::lock_guard lock(mutex_);
  auto session = file->lock();
  if (!session) return std::unexpected(session.error());
  seed_store_ = world_.store;
  if (auto synced = session->sync(world_.store, trace_counter_, seed_store_); !synced) return synced;
  state_file_ = std::move(file);
  return {};
}

graph::HttpResponse GraphEmulator::handle_persisted(const std::string& method, const std::string& path,
                                                    const ParamMap& params) {
  // One request at a time across every process sharing the file: another process's saved changes are read
  // before this request, and this request's changes are saved before the next one anywhere.
  auto session = state_file_->lock();
  auto synced = session ? session->sync(world_.store, trace_counter_, seed_store_)
                        : core::Result<void>(std::unexpected(session.error()));
  if (!synced) {
    // Not a Graph error: the emulator's own storage failed. Code 1 ("unknown error") is what Graph sends when
    // something on its side breaks; the message says which file and how to start over.
    GraphError e;
    e.http_status = 500;
    e.code = 1;
    e.message = synced.error().message + " (" + synced.error().hint + ")";
    return respond_error(e);
  }
  changed_ = false;
  ++report_answers_.world_version;  // another process sharing the file may have changed the world
  auto response = handle_locked(method, path, params);
  if (changed_) {
    if (auto saved = session->save(world_.store, trace_counter_); !saved) {
      // The change is applied in memory and is saved with the next change; say so where a human will look.
      core::log(core::LogLevel::Error, "fake", saved.error().message);
    }
  }
  return response;
}

std::string GraphEmulator::next_fbtrace_id() {
  std::lock_guard lock(mutex_);
  if (!state_file_) return fbtrace_id_locked();
  // Keep the counter in the file too, so ids stay unique across processes.
  auto session = state_file_->lock();
  if (!session || !session->sync(world_.store, trace_counter_, seed_store_)) return fbtrace_id_locked();
  auto id = fbtrace_id_locked();
  if (auto saved = session->save(world_.store, trace_counter_); !saved) {
    core::log(core::LogLevel::Error, "fake", saved.error().message);
  }
  return id;
}

graph::HttpResponse GraphEmulator::preview_page(const ParamMap& params) {
  std::lock_guard lock(mutex_);
  if (state_file_) {
    // Another process sharing the state file may have made the creative.
    if (auto session = state_file_->lock()) (void)session->sync(world_.store, trace_counter_, seed_store_);
  }
  return render_preview_page(world_.store, params);
}

// The numeric ad account a node belongs to (ad accounts carry their own account_id), for the usage headers.
std::string GraphEmulator::account_of(const Node* node) const {
  return node ? node->data.value("account_id", "") : std::string();
}

graph::HttpResponse GraphEmulator::respond(int status, const nlohmann::json& body, const std::string& account_id,
                                           bool is_write) {
  graph::HttpResponse response;
  response.status = status;
  response.body = body.dump();
  response.headers = usage_.record(account_id, is_write);
  response.headers["content-type"] = "application/json; charset=UTF-8";
  return response;
}

std::string GraphEmulator::fbtrace_id_locked() {
  // Opaque, 11 alphanumerics like Meta's; from a counter, so a run with a fixed clock is reproducible, and the
  // counter is part of the saved state, so ids stay unique across processes sharing a state file.
  static constexpr char kAlphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
  uint64_t x = ++trace_counter_ * 0x9E3779B97F4A7C15ULL;
  changed_ = true;
  std::string trace;
  for (int i = 0; i < 11; ++i, x /= 62) trace += kAlphabet[x % 62];
  return trace;
}

graph::HttpResponse GraphEmulator::respond_error(const GraphError& error, const std::string& account_id) {
  return respond(error.http_status, error.body(fbtrace_id_locked()), account_id, false);
}

std::expected<std::string, GraphError> GraphEmulator::oauth_dialog(const ParamMap& params) {
  std::lock_guard lock(mutex_);
  // fake_user picks which fixture person logs in (fixtures/users.json); anyone else is the fixtures' me.
  const std::string chosen = param(params, "fake_user").value_or("");
  const Node* person = chosen.empty() ? nullptr : world_.store.find(chosen);
  const std::string user = person && person->type == "user" ? chosen : world_.store.me().value("id", "");
  return oauth_.dialog(params, user, now_seconds());
}

void GraphEmulator::set_app_secret(std::string secret) {
  std::lock_guard lock(mutex_);
  oauth_.set_secret(std::move(secret));
}

void GraphEmulator::require_known_tokens(bool strict) {
  std::lock_guard lock(mutex_);
  strict_tokens_ = strict;
}

void GraphEmulator::set_clock(std::function<std::string()> now) {
  std::lock_guard lock(mutex_);
  options_.now = now ? std::move(now) : system_now;
}

std::string GraphEmulator::me_id(const ParamMap& params) const {
  // /me is the user of the calling token when the emulator issued it to someone it knows; else the fixtures' me.
  const std::string owner = oauth_.user_of(param(params, "access_token").value_or(""));
  const Node* person = owner.empty() ? nullptr : world_.store.find(owner);
  return person && person->type == "user" ? owner : world_.store.me().value("id", "");
}

int64_t GraphEmulator::now_seconds() const {
  return graph::parse_graph_time(options_.now()).value_or(0);
}

std::optional<graph::HttpResponse> GraphEmulator::handle_oauth(const std::string& method,
                                                               const std::vector<std::string>& parts,
                                                               const ParamMap& params) {
  // Login state lives in oauth_, not in the object store, so these never mark the store changed (nothing to save).
  const std::string me = world_.store.me().value("id", "");
  if (parts.size() == 2 && parts[0] == "oauth" && parts[1] == "access_token" && (method == "GET" || method == "POST")) {
    auto answer = oauth_.access_token(params, me, now_seconds());
    if (!answer) return respond_error(answer.error());
    return respond(200, *answer, "", false);
  }
  if (parts.size() == 1 && parts[0] == "debug_token" && method == "GET") {
    return respond(200, oauth_.debug_token(params, me, now_seconds()), "", false);
  }
  if (parts.size() == 2 && parts[0] == "me" && parts[1] == "permissions" && method == "DELETE") {
    auto answer = oauth_.revoke(param(params, "access_token").value_or(""), me);
    if (!answer) return respond_error(answer.error());
    return respond(200, *answer, "", true);
  }
  return std::nullopt;
}

graph::HttpResponse GraphEmulator::handle_locked(const std::string& method, const std::string& path,
                                                 const ParamMap& params) {
  ++requests_;  // batch operations count one each, as they do against Meta's rate limits
  const auto parts = split_path(path);
  // Anything but a read of an edge may change what delivery depends on (a write, or a direct read that moves a
  // review on): insights answers kept for paging are not reused across it.
  if (method != "GET" || parts.size() != 2) ++report_answers_.world_version;
  const bool token_exchange = parts.size() == 2 && parts[0] == "oauth";
  const std::string calling_token = param(params, "access_token").value_or("");
  if (strict_tokens_ && !token_exchange && page_of_token(calling_token).empty()) {
    if (auto refused = oauth_.check_token(calling_token, now_seconds())) {
      return respond_error(*refused);
    }
  }
  if (auto oauth = handle_oauth(method, parts, params)) return *oauth;
  if (parts.empty()) {
    if (method == "POST" && params.count("batch")) return handle_batch(params);
    return respond_error(unknown_path("/"));
  }
  if (parts.size() > 2) return respond_error(unknown_path("/" + parts[2]));

  const std::string& id = parts[0];
  WriteContext ctx{world_.store, world_.model, world_.targeting, options_.now()};
  // GET /search (targeting search) is the one Graph path without an object in front of it.
  if (id == "search" && parts.size() == 1 && method == "GET") {
    auto body = targeting_search(world_.targeting, params);
    if (!body) return respond_error(body.error());
    return respond(200, *body, "", false);
  }
  if (auto refused = check_page_token_scope(params, method, id)) return respond_error(*refused);
  Node* node = id == "me" ? world_.store.find(me_id(params)) : world_.store.find(id);
  if (!node) return respond_error(unsupported_request(method, id));
  const std::string account = account_of(node);
  if (auto async = async_requests(ctx, *node, method, parts, params, [this](const std::string& m, const std::string& p,
                                                                             const ParamMap& q) {
        auto r = handle_locked(m, p, q);
        return std::pair{r.status, nlohmann::json::parse(r.body, nullptr, false)};
      })) {
    changed_ = changed_ || async->changed;
    if (!async->body) return respond_error(async->body.error(), account);
    return respond(200, *async->body, account, method == "POST");
  }

  if (parts.size() == 1) {
    if (method == "GET") {
      if (advance_review(*node)) changed_ = true;
      if (advance_video_processing(*node)) changed_ = true;
      if (delivery::advance_report_run(*node, now_seconds())) changed_ = true;
      if (advance_lookalike(*node)) changed_ = true;
      auto body = select_fields(*node, params, world_.model, world_.store, default_fields(node->type));
      if (!body) return respond_error(body.error(), account);
      if (node->type == "page") {
        const Node* caller = world_.store.find(me_id(params));
        add_own_page_token(*body, params, id, caller ? &caller->data : nullptr);
      }
      return respond(200, *body, account, false);
    }
    if (method == "POST") {
      const UpdateRule* rule = find_update_rule(node->type);
      if (!rule) return respond_error(unsupported_request(method, id), account);
      auto updated = rule->apply(ctx, *node, params);
      if (!updated) return respond_error(updated.error(), account);
      if (!is_validate_only(params)) {
        const bool status_changed = (*updated)["status"] != node->data["status"];
        delivery::note_changes(node->data, *updated, now_seconds());
        node->data = std::move(*updated);
        changed_ = true;
        if (status_changed) {
          if (node->data["status"] == "DELETED") mark_deleted(world_.store, *node, ctx.now);
          else propagate_status(world_.store, *node);
        }
      }
      return respond(200, {{"success", true}}, account, true);
    }
    if (method == "DELETE" && node->type == "customaudience") {
      // A custom audience is deleted for good (reads of it fail afterwards), unless ad sets still use it.
      if (auto refused = check_audience_delete(world_.store, *node)) return respond_error(*refused, account);
      world_.store.erase(id);
      changed_ = true;
      return respond(200, {{"success", true}}, account, true);
    }
    if (method == "DELETE") {
      if (!can_delete(node->type)) return respond_error(unsupported_request(method, id), account);
      auto deleted = node->data;
      deleted["status"] = "DELETED";
      delivery::note_changes(node->data, deleted, now_seconds());
      if (deleted.contains(delivery::kChangesKey)) node->data[delivery::kChangesKey] = deleted[delivery::kChangesKey];
      mark_deleted(world_.store, *node, ctx.now);
      changed_ = true;
      return respond(200, {{"success", true}}, account, true);
    }
    return respond_error(unsupported_request(method, id), account);
  }

  const std::string& edge = parts[1];
  if (auto insights = handle_insights(method, *node, edge, params, ctx)) return *insights;
  if (method == "GET") {
    if (is_preview_edge(node->type, edge)) {
      auto body = preview_edge(ctx, *node, edge, params, options_.base_url);
      if (!body) return respond_error(body.error(), account);
      return respond(200, *body, account, false);
    }
    if (auto social = social_insights_edge(*node, edge, params, now_seconds())) {
      if (!*social) return respond_error(social->error(), account);
      return respond(200, **social, account, false);
    }
    if (const ComputedEdge computed = find_computed_edge(node->type, edge)) {
      auto body = computed(ctx, *node, params);
      if (!body) return respond_error(body.error(), account);
      return respond(200, *body, account, false);
    }
    const EdgeSpec* spec = find_edge(node->type, edge);
    if (!spec) return respond_error(unknown_path("/" + edge), account);
    const Node& parent = *node;
    auto children = world_.store.select(spec->child_type, [&](const Node& n) { return belongs(*spec, parent, n); });
    if (spec->child_type == std::string("adimage")) {
      if (auto refused = filter_images_by_hash(params, children)) return respond_error(*refused, account);
    }
    if (spec->parent_type == std::string("ig_user")) {
      if (auto refused = filter_media_by_time(params, children)) return respond_error(*refused, account);
    }
    if (spec->parent_type == std::string("ig_media")) order_carousel_children(parent, children);
    EdgeQuery query{spec->child_type, options_.base_url + "/" + options_.api_version + "/" + id + "/" + edge,
                    // AdVideo's status is an object ({video_status, …}), never DELETED.
                    spec->child_type != std::string("adaccount") && spec->child_type != std::string("advideo")};
    auto body = list_edge(query, std::move(children), params, world_.model, world_.store);
    if (!body) return respond_error(body.error(), account);
    if (spec->child_type == std::string("page")) add_page_tokens(*body, params);
    return respond(200, *body, account, false);
  }
  if (auto answer = audience_users_edge(ctx, *node, method, edge, params)) {
    if (!*answer) return respond_error(answer->error(), account);
    changed_ = true;
    return respond(200, **answer, account, true);
  }
  if (method == "POST" && edge == "copies" && can_copy(node->type)) {
    std::vector<std::string> new_ids;
    auto copied = copy_object(ctx, *node, params, new_ids);
    if (!copied) return respond_error(copied.error(), account);
    for (const auto& new_id : new_ids) {
      if (Node* copy = world_.store.find(new_id)) propagate_status(world_.store, *copy);
    }
    changed_ = changed_ || !new_ids.empty();
    return respond(200, *copied, account, true);
  }
  if (method == "POST" && edge == "adimages" && node->type == "adaccount") {
    const size_t before = world_.store.count("adimage");
    auto uploaded = upload_ad_image(ctx, *node, params);
    if (!uploaded) return respond_error(uploaded.error(), account);
    changed_ = changed_ || world_.store.count("adimage") != before;
    return respond(200, *uploaded, account, true);
  }
  if (method == "POST" && edge == "advideos" && node->type == "adaccount") {
    auto uploaded = upload_ad_video(ctx, *node, params);
    if (!uploaded) return respond_error(uploaded.error(), account);
    changed_ = true;
    return respond(200, *uploaded, account, true);
  }
  if (method == "POST") {
    if (const CreateRule* rule = find_create_rule(node->type, edge)) {
      auto created = rule->build(ctx, *node, params);
      if (!created) return respond_error(created.error(), account);
      if (is_validate_only(params)) return respond(200, {{"success", true}}, account, true);
      const std::string new_id = world_.store.allocate_id();
      (*created)["id"] = new_id;
      world_.store.insert(rule->child_type, std::move(*created));
      propagate_status(world_.store, *world_.store.find(new_id));
      changed_ = true;
      // Read-after-write (FBD/graph-api/advanced, "Read-After-Write"): a create that names `fields` gets them back;
      // if that read fails, Graph answers the read's error with the create's own answer as original_response.
      if (const auto fields = param(params, "fields"); fields && !fields->empty()) {
        auto read = select_fields(*world_.store.find(new_id), params, world_.model, world_.store, {"id"});
        if (!read) {
          read.error().original_response = {{"id", new_id}};
          return respond_error(read.error(), account);
        }
        return respond(200, *read, account, true);
      }
      return respond(200, {{"id", new_id}}, account, true);
    }
  }
  const bool audience_edge = node->type == "customaudience" && (edge == "users" || edge == "usersreplace" || edge == "adaccounts");
  if (!find_edge(node->type, edge) && !find_computed_edge(node->type, edge) && !is_preview_edge(node->type, edge) &&
      edge != "copies" && !audience_edge) {
    return respond_error(unknown_path("/" + edge), account);
  }
  return respond_error(unsupported_request(method, id + "/" + edge), account);
}

std::optional<graph::HttpResponse> GraphEmulator::handle_insights(const std::string& method, Node& node,
                                                                   const std::string& edge, const ParamMap& params,
                                                                   const WriteContext& ctx) {
  if (edge != "insights") return std::nullopt;
  const bool object = delivery::has_insights_edge(node.type);
  const bool report = node.type == delivery::kReportRunType;
  if (!(object && (method == "GET" || method == "POST")) && !(report && method == "GET")) return std::nullopt;
  const std::string account = account_of(&node);
  // Insights capacity is per ad account (graph-api-facts §6): over it, Graph refuses with the ads_insights
  // business-use-case throttle (code 80000) until the window has room again.
  if (method == "GET" && insights_throttle_.account_percent(account) >= 100.0) {
    GraphError e;
    e.code = 80000;
    e.message = "(#80000) There have been too many calls from this ad-account. Wait a bit and try again.";
    e.is_transient = true;
    auto refused = respond_error(e, account);
    refused.headers["x-fb-ads-insights-throttle"] = insights_throttle_.record(account, 0);
    return refused;
  }
  const delivery::InsightsCall call{ctx, node, params, now_seconds(),
                                    options_.base_url + "/" + options_.api_version + "/" + node.data.value("id", "") + "/insights",
                                    &report_answers_};
  auto answer = report ? delivery::read_report_rows(call)
                : method == "POST" ? delivery::start_insights_report(call)
                                   : delivery::read_insights(call);
  if (!answer) return respond_error(answer.error(), account);
  if (method == "POST") changed_ = true;
  auto response = respond(200, answer->body, account, method == "POST");
  response.headers["x-fb-ads-insights-throttle"] = insights_throttle_.record(answer->account_id, answer->cells);
  return response;
}

graph::HttpResponse GraphEmulator::handle_batch(const ParamMap& params) {
  // FBD/graph-api/batch-requests: ≤50 operations, results in request order, {result=name:$.id} references.
  constexpr size_t kMaxBatch = 50;
  const auto batch = json_param(params, "batch");
  if (!batch || !batch->is_array()) return respond_error(invalid_param("batch", "batch must be a JSON array"));
  if (batch->size() > kMaxBatch) {
    GraphError e;
    e.message = "(#100) Too many requests in batch message. Maximum batch size is 50";
    return respond_error(e);
  }
  std::map<std::string, nlohmann::json> named;
  auto resolve = [&](const std::string& text) {
    std::string out;
    size_t last = 0;
    for (size_t at = text.find('{'); at != std::string::npos; at = text.find('{', at + 1)) {
      const auto reference = reference_at(text, at);
      if (!reference) continue;
      out.append(text, last, at - last);
      if (const auto found = named.find(reference->name); found != named.end()) {
        if (reference->path == "id") {
          out += found->second.value("id", "");
        } else if (reference->path == "data.*.id" && found->second.contains("data")) {
          std::string ids;
          for (const auto& item : found->second["data"]) ids += (ids.empty() ? "" : ",") + item.value("id", "");
          out += ids;
        }
      }
      last = at + reference->length;
      at = last - 1;
    }
    return out + text.substr(last);
  };
  auto results = nlohmann::json::array();
  const auto text = [](const nlohmann::json& op, const char* key, const char* fallback) {
    return op.contains(key) && op[key].is_string() ? op[key].get<std::string>() : std::string(fallback);
  };
  for (const auto& op : *batch) {
    if (!op.is_object()) {
      const auto refused = respond_error(invalid_param("batch", "each batch operation must be a JSON object"));
      results.push_back({{"code", refused.status}, {"headers", nlohmann::json::array()}, {"body", refused.body}});
      continue;
    }
    const std::string method = text(op, "method", "GET");
    std::string url = resolve(text(op, "relative_url", ""));
    ParamMap op_params;
    if (const auto q = url.find('?'); q != std::string::npos) {
      op_params = graph::form_decode(url.substr(q + 1));
      url = url.substr(0, q);
    }
    for (auto& [key, value] : graph::form_decode(resolve(text(op, "body", "")))) op_params[key] = value;
    // A client that url-encodes the reference too gets it resolved in the decoded value.
    for (auto& [key, value] : op_params) value = resolve(value);
    for (const char* inherited : {"access_token", "appsecret_proof"}) {
      if (params.count(inherited) && !op_params.count(inherited)) op_params[inherited] = params.at(inherited);
    }
    auto response = handle_locked(method, url, op_params);
    const auto body = nlohmann::json::parse(response.body, nullptr, false);
    if (op.contains("name") && op["name"].is_string() && response.status == 200) named[op["name"].get<std::string>()] = body;
    auto headers = nlohmann::json::array();
    for (const auto& [name, value] : response.headers) headers.push_back({{"name", name}, {"value", value}});
    results.push_back({{"code", response.status}, {"headers", headers}, {"body", response.body}});
  }
  return respond(200, results, "", false);
}

}  // namespace fbmcp::fake
