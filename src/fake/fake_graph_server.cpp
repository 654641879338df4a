#include "fake/fake_graph_server.hpp"
#include "fake/previews/preview_page.hpp"

#include <httplib.h>

#include <strings.h>

#include <chrono>

#include "fake/connection_drop.hpp"
#include "fake/rules/image_rules.hpp"
#include "graph/curl_transport.hpp"
#include "graph/form_encoding.hpp"

namespace fbmcp::fake {
namespace {

// Graph accepts params in the query string, urlencoded and multipart bodies, and JSON bodies (graph-api-facts §1).
// The body is read through a ContentReader: Graph batch bodies exceed httplib's 8 KiB cap on pre-parsed forms.
ParamMap collect_params(const httplib::Request& req, const httplib::ContentReader* reader) {
  ParamMap params;
  for (const auto& [key, value] : req.params) params[key] = value;
  const auto type = req.get_header_value("Content-Type");
  std::string body;
  if (reader && type.rfind("multipart/form-data", 0) == 0) {
    std::string current;
    const size_t declared_length = static_cast<size_t>(req.get_header_value<uint64_t>("Content-Length"));
    (*reader)(
        [&](const httplib::MultipartFormData& part) {
          // A file part (it has a filename) is kept apart from text params (fake/rules/image_rules.hpp).
          current = part.filename.empty() ? part.name : std::string(kFilePartPrefix) + part.name;
          params[current].clear();
          // A file part (a video chunk of up to 128 MiB) is read into memory sized once from the body's length,
          // not grown by doubling 4 KiB at a time.
          if (!part.filename.empty()) params[current].reserve(std::min<size_t>(declared_length, 256u << 20));
          return true;
        },
        [&](const char* data, size_t length) {
          params[current].append(data, length);
          return true;
        });
  } else if (reader) {
    (*reader)([&](const char* data, size_t length) {
      body.append(data, length);
      return true;
    });
  }
  if (type.rfind("application/x-www-form-urlencoded", 0) == 0) {
    for (auto& [key, value] : graph::form_decode(body)) params[key] = value;
  } else if (type.rfind("application/json", 0) == 0) {
    const auto json_body = nlohmann::json::parse(body, nullptr, false);
    if (json_body.is_object()) {
      for (const auto& [key, value] : json_body.items()) {
        params[key] = value.is_string() ? value.get<std::string>() : value.dump();
      }
    }
  }
  if (const auto auth = req.get_header_value("Authorization"); auth.rfind("Bearer ", 0) == 0) {
    params.emplace("access_token", auth.substr(7));
  }
  return params;
}

std::string default_message(int code) {
  switch (code) {
    case 1: return "An unknown error occurred";
    case 2: return "An unexpected error has occurred. Please retry your request later.";
    case 4: return "(#4) Application request limit reached";
    case 17: return "(#17) User request limit reached";
    case 100: return "Invalid parameter";
    case 190: return "Error validating access token: Session has expired.";
    case 613: return "(#613) Calls to this api have exceeded the rate limit.";
    case 80004: return "(#80004) There have been too many calls to this ad-account. Wait a bit and try again.";
    default: return "(#" + std::to_string(code) + ") Error";
  }
}

void send_graph_error(const Fault& f, const std::string& fbtrace_id, httplib::Response& res) {
  GraphError e;
  e.code = f.code;
  e.error_subcode = f.error_subcode;
  e.message = f.message.empty() ? default_message(f.code) : f.message;
  e.is_transient = f.is_transient;
  if (!f.blame_field.empty()) e.error_data = {{"blame_field_specs", {{f.blame_field}}}};
  const bool throttle = f.code == 4 || f.code == 17 || f.code == 32 || f.code == 613 || (f.code >= 80000 && f.code <= 80014);
  if (throttle) {
    res.set_header("X-Business-Use-Case-Usage",
                   nlohmann::json{{"0", {{{"type", "ads_management"}, {"call_count", 100}, {"total_cputime", 100},
                                          {"total_time", 100}, {"estimated_time_to_regain_access", f.regain_minutes},
                                          {"ads_api_access_tier", "standard_access"}}}}}
                       .dump());
  }
  res.status = f.http_status;
  res.set_content(e.body(fbtrace_id).dump(), "application/json; charset=UTF-8");
}

void copy(const graph::HttpResponse& from, httplib::Response& to) {
  to.status = from.status;
  for (const auto& [name, value] : from.headers) {
    if (name != "content-type") to.set_header(name.c_str(), value);
  }
  to.set_content(from.body, "application/json; charset=UTF-8");
}

// A fault's raw headers replace any the answer already has under that name (case-insensitively, as HTTP names are).
void add_raw_headers(const Fault& f, httplib::Response& res) {
  for (const auto& [name, value] : f.headers) {
    for (auto it = res.headers.begin(); it != res.headers.end();) {
      it = strcasecmp(it->first.c_str(), name.c_str()) == 0 ? res.headers.erase(it) : std::next(it);
    }
    res.set_header(name.c_str(), value);
  }
}

}  // namespace

FakeGraphServer::FakeGraphServer(std::shared_ptr<GraphEmulator> emulator)
    : emulator_(std::move(emulator)), http_(std::make_unique<httplib::Server>()) {
  // cpp-httplib gives each connection a worker for as long as it is kept alive (5 s idle by default), and its
  // default pool has as many workers as cores (at least 8). The live client sends a bulk op's batches at once on
  // fresh connections, so with the pool held by idle connections a batch waited ~5 s for a worker; Graph has no such
  // limit. Enough workers for every connection the client opens, and idle ones let go sooner.
  http_->new_task_queue = [] { return new httplib::ThreadPool(kWorkers); };
  http_->set_keep_alive_timeout(kKeepAliveSeconds);
  install_routes();
}

FakeGraphServer::~FakeGraphServer() { stop(); }

void FakeGraphServer::install_routes() {
  auto& http = *http_;
  http.Get("/__control/faults", [this](const httplib::Request&, httplib::Response& res) {
    res.set_content(faults_.describe().dump(), "application/json");
  });
  http.Delete("/__control/faults", [this](const httplib::Request&, httplib::Response& res, const httplib::ContentReader&) {
    faults_.clear();
    res.set_content(R"({"success":true})", "application/json");
  });
  // With a ContentReader like the Graph catch-all below: httplib tries reader handlers before plain ones, so a plain
  // handler here would never be reached.
  http.Post("/__control/faults", [this](const httplib::Request&, httplib::Response& res,
                                        const httplib::ContentReader& reader) {
    std::string body;
    reader([&](const char* data, size_t length) {
      body.append(data, length);
      return true;
    });
    auto spec = nlohmann::json::parse(body, nullptr, false);
    auto specs = spec.is_array() ? spec : nlohmann::json::array({spec});
    for (const auto& item : specs) {
      auto fault = parse_fault(item);
      if (!fault) {
        res.status = 400;
        res.set_content(nlohmann::json{{"error", fault.error().message}}.dump(), "application/json");
        return;
      }
      faults_.add(*fault);
    }
    res.set_content(R"({"success":true})", "application/json");
  });
  http.Get("/__control/stats", [this](const httplib::Request&, httplib::Response& res) {
    nlohmann::json stats = {{"http_requests", http_requests_.load()}, {"graph_calls", emulator_->requests_served()}};
    for (const char* type : {"campaign", "adset", "ad", "adcreative", "adimage", "advideo", "customaudience"}) {
      stats["objects"][type] = emulator_->count(type);
    }
    res.set_content(stats.dump(), "application/json");
  });

  // The page behind the preview edges' iframe URLs (fake/previews/preview_page.hpp): HTML, not a Graph answer, so
  // no faults, proof check or usage headers. Registered before the Graph catch-all, which httplib would try first.
  http.Get(kPreviewPagePath, [this](const httplib::Request& req, httplib::Response& res) {
    ParamMap params;
    for (const auto& [key, value] : req.params) params[key] = value;
    const auto page = emulator_->preview_page(params);
    res.status = page.status;
    res.set_content(page.body, page.headers.at("content-type"));
  });

  const auto graph = [this](const httplib::Request& req, httplib::Response& res,
                            const httplib::ContentReader* reader) {
    const std::string method = req.method;
    const std::string path = req.path;
    const auto params = collect_params(req, reader);
    ++http_requests_;
    if (const int latency = latency_ms_.load(); latency > 0) {
      std::this_thread::sleep_for(std::chrono::milliseconds(latency));
    }
    // The token exchange authenticates with the app's client_secret, not with a token and its proof.
    const bool token_exchange = path.ends_with("/oauth/access_token");
    if (!app_secret_.empty() && !token_exchange) {
      const auto token = params.find("access_token");
      const auto proof = params.find("appsecret_proof");
      if (token == params.end() || proof == params.end() ||
          proof->second != graph::appsecret_proof(app_secret_, token->second)) {
        GraphError e;
        e.type = "GraphMethodException";
        e.message = "Invalid appsecret_proof provided in the API argument";
        res.status = 400;
        res.set_content(e.body(emulator_->next_fbtrace_id()).dump(), "application/json; charset=UTF-8");
        return;
      }
    }
    if (auto fault = faults_.take(method, path)) {
      answer_with_fault(*fault, req, params, res);
      add_raw_headers(*fault, res);
      return;
    }
    copy(emulator_->handle(method, path, params), res);
  };
  // Facebook Login's dialog (www.facebook.com/<version>/dialog/oauth on Meta; FACEBOOK_OAUTH_DIALOG_URL points
  // login here): consent is given at once and the browser is sent on to redirect_uri (fake/oauth/oauth_service.hpp).
  http.Get(R"(/(v[0-9.]+/)?dialog/oauth)", [this](const httplib::Request& req, httplib::Response& res) {
    ++http_requests_;
    auto redirect = emulator_->oauth_dialog(collect_params(req, nullptr));
    if (!redirect) {
      res.status = 400;
      res.set_content("Facebook Login (fake-graph) cannot continue: " + redirect.error().message + "\n",
                      "text/plain; charset=UTF-8");
      return;
    }
    res.set_redirect(*redirect);
  });
  http.Get(R"(/.*)", [graph](const httplib::Request& req, httplib::Response& res) { graph(req, res, nullptr); });
  const auto with_body = [graph](const httplib::Request& req, httplib::Response& res,
                                 const httplib::ContentReader& reader) { graph(req, res, &reader); };
  http.Post(R"(/.*)", with_body);
  http.Delete(R"(/.*)", with_body);
}

void FakeGraphServer::answer_with_fault(const Fault& fault, const httplib::Request& req, const ParamMap& params,
                                        httplib::Response& res) {
  const std::string& method = req.method;
  const std::string& path = req.path;
  switch (fault.kind) {
    case FaultKind::GraphError: return send_graph_error(fault, emulator_->next_fbtrace_id(), res);
    case FaultKind::HttpStatus:
      res.status = fault.http_status;
      res.set_content("<html><body>" + std::to_string(fault.http_status) + " Server Error</body></html>", "text/html");
      return;
    case FaultKind::Malformed:
      res.status = 200;
      res.set_content(R"({"data":[{"id":"1","name":"trunc)", "application/json");
      return;
    case FaultKind::Reset:
      // Promise a body, then abort: the client sees the connection drop mid-response.
      res.set_content_provider(1024, "application/json", [](size_t, size_t, httplib::DataSink&) { return false; });
      return;
    case FaultKind::Delay:
      std::this_thread::sleep_for(std::chrono::milliseconds(fault.delay_ms));
      break;
    case FaultKind::TimeoutAfterWrite:
      // The write happens; the answer comes too late for the client: its outcome is unknown to it.
      copy(emulator_->handle(method, path, params), res);
      std::this_thread::sleep_for(std::chrono::milliseconds(fault.delay_ms));
      return;
    case FaultKind::Body:
      // Whatever Graph (or a proxy in front of it) might send: `true`, `[]`, `null`, an error with odd types.
      if (fault.apply) emulator_->handle(method, path, params);
      res.status = fault.http_status;
      res.set_content(fault.body, "application/json; charset=UTF-8");
      return;
    case FaultKind::Headers:
      break;  // the normal answer, plus the fault's headers
    case FaultKind::CloseAfterApply:
      // The write happens; then the kept-alive connection closes before a single byte of the answer. A client that
      // re-sends on its own (libcurl does, on a reused connection) would apply it twice.
      emulator_->handle(method, path, params);
      if (!drop_connection(req.local_port, req.remote_port)) {
        res.status = 500;
        res.set_content(R"({"error":"close_after_apply: the connection could not be found to close it"})",
                        "application/json");
      }
      return;
  }
  copy(emulator_->handle(method, path, params), res);
}

core::Result<int> FakeGraphServer::bind(int port) {
  // Loopback only: this server is for tests and local development, never a network service.
  const int bound = port == 0 ? http_->bind_to_any_port("127.0.0.1") : (http_->bind_to_port("127.0.0.1", port) ? port : -1);
  if (bound <= 0) {
    return core::fail(core::ErrorKind::Network, "cannot listen on 127.0.0.1:" + std::to_string(port),
                      "pick another --port, or 0 for a free one");
  }
  port_ = bound;
  emulator_->set_base_url(base_url());
  return bound;
}

core::Result<int> FakeGraphServer::start(int port) {
  auto bound = bind(port);
  if (!bound) return bound;
  thread_ = std::thread([this] { http_->listen_after_bind(); });
  for (int i = 0; i < 500 && !http_->is_running(); ++i) std::this_thread::sleep_for(std::chrono::milliseconds(2));
  return bound;
}

core::Result<void> FakeGraphServer::run(int port, const std::function<void(int port)>& on_listening) {
  auto bound = bind(port);
  if (!bound) return std::unexpected(bound.error());
  on_listening(*bound);
  http_->listen_after_bind();
  return {};
}

void FakeGraphServer::stop() {
  if (http_) http_->stop();
  if (thread_.joinable()) thread_.join();
}

}  // namespace fbmcp::fake
