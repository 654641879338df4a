#include "mcp/server.hpp"

#include "crypto/base64.hpp"

#include <chrono>
#include <exception>

#include "core/json_read.hpp"
#include "crypto/base64.hpp"
#include "mcp/completion.hpp"
#include "mcp/protocol.hpp"
#include "mcp/requests.hpp"
#include "tool/catalog.hpp"

namespace fbmcp::mcp {
namespace {

// How long a tools/call waits for the human to answer an elicitation before treating it as declined.
constexpr auto kElicitationTimeout = std::chrono::minutes(10);
// How long EOF waits for cancelled in-flight calls to reach their next step before the process exits anyway. A
// Graph call in flight finishes or times out on its own; what it wrote is reconciled through idempotency keys.
constexpr auto kShutdownGrace = std::chrono::seconds(5);

std::string id_key(const nlohmann::json& id) { return id.dump(); }

nlohmann::json invalid_params(const nlohmann::json& id, const core::Error& error) {
  return make_error(id, rpc::kInvalidParams, "Invalid params: " + error.message,
                    error.path.empty() ? nlohmann::json() : nlohmann::json{{"path", error.path}});
}

// The last-resort guard's answer: a slip in a handler costs this one request, never the process.
nlohmann::json internal_error(const nlohmann::json& id, const char* what) {
  core::log(core::LogLevel::Error, "mcp", std::string("internal error while handling a request: ") + what);
  return make_error(id, rpc::kInternalError, "Internal error: the server failed on this request and is still "
                                             "running; the log has details");
}

}  // namespace

Server::Server(const tool::Router& router, PromptLibrary prompts, ServerInfo info, Send send)
    : router_(router), prompts_(std::move(prompts)), info_(std::move(info)), send_(std::move(send)) {
  methods_["initialize"] = [this](const auto& id, const auto& p) { on_initialize(id, p); };
  methods_["ping"] = [this](const auto& id, const auto&) { send_(make_result(id, nlohmann::json::object())); };
  methods_["tools/list"] = [this](const auto& id, const auto&) {
    send_(make_result(id, {{"tools", nlohmann::json::array({tool_definition()})}}));
  };
  methods_["tools/call"] = [this](const auto& id, const auto& p) { on_tools_call(id, p); };
  methods_["prompts/list"] = [this](const auto& id, const auto&) { send_(make_result(id, prompts_.list())); };
  methods_["prompts/get"] = [this](const auto& id, const auto& p) { on_prompts_get(id, p); };
  methods_["completion/complete"] = [this](const auto& id, const auto& p) { on_complete(id, p); };
  methods_["logging/setLevel"] = [this](const auto& id, const auto& p) { on_set_level(id, p); };

  core::set_log_sink([this](core::LogLevel level, std::string_view logger, std::string_view message) {
    std::optional<core::LogLevel> threshold;
    {
      std::lock_guard lock(mutex_);
      threshold = client_log_level_;
    }
    if (!threshold || level < *threshold) return;
    send_(make_notification("notifications/message",
                            {{"level", core::to_string(level)}, {"logger", logger}, {"data", message}}));
  });
}

Server::~Server() {
  core::set_log_sink(nullptr);
  shutdown();
}

void Server::handle_line(const std::string& line) {
  if (line.find_first_not_of(" \t") == std::string::npos) return;
  auto message = core::parse_json_bounded(line);
  if (!message) {
    send_(make_error(nullptr, rpc::kParseError, "Parse error: " + message.error().message));
    return;
  }
  if (message->is_array()) {
    // JSON-RPC batching was removed from MCP in 2025-06-18.
    send_(make_error(nullptr, rpc::kInvalidRequest, "Invalid Request: batches are not supported"));
    return;
  }
  const auto* id = core::find_field(*message, "id");
  const nlohmann::json reply_id = id && is_valid_id(*id) ? *id : nlohmann::json();
  try {
    handle_message(*message);
  } catch (const std::exception& e) {
    send_(internal_error(reply_id, e.what()));
  } catch (...) {
    send_(internal_error(reply_id, "unknown exception"));
  }
}

void Server::reject_oversized_line(size_t bytes, size_t max_bytes) {
  send_(make_error(nullptr, rpc::kInvalidRequest,
                   "Invalid Request: a message of " + std::to_string(bytes) + " bytes is longer than the " +
                       std::to_string(max_bytes) + " bytes this server accepts; it was not read"));
}

void Server::handle_message(const nlohmann::json& message) {
  if (!message.is_object()) {
    send_(make_error(nullptr, rpc::kInvalidRequest,
                     "Invalid Request: a message must be a JSON object, got " + core::describe_type(message)));
    return;
  }
  const auto* id = core::find_field(message, "id");
  if (id && !is_valid_id(*id)) {
    send_(make_error(nullptr, rpc::kInvalidRequest,
                     "Invalid Request: \"id\" must be a string or an integer, got " + core::describe_type(*id)));
    return;
  }
  const nlohmann::json reply_id = id ? *id : nlohmann::json();
  const auto* version = core::find_field(message, "jsonrpc");
  if (!version || *version != "2.0") {
    send_(make_error(reply_id, rpc::kInvalidRequest, "Invalid Request: \"jsonrpc\" must be the string \"2.0\", got " +
                                                         (version ? version->dump() : std::string("nothing"))));
    return;
  }
  const auto* method = core::find_field(message, "method");
  if (!method) {
    if (core::find_field(message, "result") || core::find_field(message, "error")) handle_response(message);
    else send_(make_error(reply_id, rpc::kInvalidRequest, "Invalid Request: no \"method\""));
    return;
  }
  if (!method->is_string()) {
    send_(make_error(reply_id, rpc::kInvalidRequest,
                     "Invalid Request: \"method\" must be a string, got " + core::describe_type(*method)));
    return;
  }
  const auto* params = core::find_field(message, "params");
  const nlohmann::json no_params = nlohmann::json::object();
  if (!id) {
    // Notifications never get a reply, so odd params are ignored rather than answered.
    handle_notification(method->get<std::string>(), params && params->is_object() ? *params : no_params);
    return;
  }
  if (params && !params->is_object() && !params->is_null()) {
    send_(make_error(reply_id, rpc::kInvalidParams,
                     "Invalid params: \"params\" must be an object, got " + core::describe_type(*params)));
    return;
  }
  dispatch_request(reply_id, method->get<std::string>(), params && params->is_object() ? *params : no_params);
}

void Server::dispatch_request(const nlohmann::json& id, const std::string& method, const nlohmann::json& params) {
  const auto handler = methods_.find(method);
  if (handler == methods_.end()) {
    send_(make_error(id, rpc::kMethodNotFound, "Method not found: " + method.substr(0, 100)));
    return;
  }
  if (method != "initialize" && method != "ping") {
    std::lock_guard lock(mutex_);
    if (!initialized_) {
      send_(make_error(id, rpc::kInvalidRequest,
                       "Invalid Request: the session is not initialized; send \"initialize\" first (only "
                       "\"ping\" is allowed before it)"));
      return;
    }
  }
  handler->second(id, params);
}

void Server::handle_response(const nlohmann::json& message) {
  const auto* id = core::find_field(message, "id");
  if (!id || !id->is_string()) return;  // our requests carry string ids; anything else is not an answer to us
  std::lock_guard lock(mutex_);
  const auto it = pending_requests_.find(id->get<std::string>());
  if (it == pending_requests_.end()) return;  // late or unknown: ignore
  it->second.set_value(message);
  pending_requests_.erase(it);
}

void Server::handle_notification(const std::string& method, const nlohmann::json& params) {
  if (method == "notifications/cancelled") {
    const auto request_id = parse_cancelled(params);
    if (!request_id) return;
    std::lock_guard lock(mutex_);
    const auto it = in_flight_.find(id_key(*request_id));
    if (it != in_flight_.end()) it->second->store(true);  // unknown or finished ids are ignored
  }
  // notifications/initialized and others need nothing from us.
}

std::string Server::instructions() const {
  return "This server runs Meta (Facebook and Instagram) advertising through ONE tool, `facebook`, taking "
         "{op, args}. Call op \"help\" first to see every op, then op \"describe\" with args {\"op\": \"<name>\"} "
         "for an op's arguments and example. Money is {\"amount\": \"25.00\"} in the ad account's currency (or "
         "{\"minor_units\": 2500}), never a float; results show money as decimal strings in the currency the result "
         "names once (spend_cap \"none\" = no cap; with_minor_units: true adds Meta's minor units), and list rows "
         "show effective_status only where it differs from status. Creates are PAUSED by default; writes accept dry_run: true; "
         "activating, raising budgets and deleting need the user's confirmation. Lists return paging.after to "
         "continue. Every write is journaled: list_changes shows them and undo_change puts one back. " +
         read_only_note() + info_.mode_line;
}

std::string Server::read_only_note() const {
  if (!router_.registry().read_only()) return "";
  return "READ-ONLY MODE: this server offers and runs read ops only (FACEBOOK_READ_ONLY=1 or --read-only); "
         "every write, spend or delete op is refused and nothing at Meta can change. ";
}

nlohmann::json Server::tool_definition() const {
  auto ops = nlohmann::json::array({tool::kHelpOp, tool::kDescribeOp});
  for (const auto& name : router_.registry().names()) ops.push_back(name);
  std::string listing;
  for (const auto& name : router_.registry().names()) listing += (listing.empty() ? "" : ", ") + name;
  const bool read_only = router_.registry().read_only();
  const std::string example_op = read_only ? "get_insights" : "create_campaign";
  return {{"name", "facebook"},
          {"title", "Facebook & Instagram Ads"},
          {"description",
           "Meta Marketing API in one tool. Pass op (what to do) and args (its arguments). Start with "
           "{\"op\":\"help\"}; {\"op\":\"describe\",\"args\":{\"op\":\"" + example_op +
               "\"}} shows one op's schema. "
           "Ops: " + listing + "."},
          {"inputSchema",
           {{"type", "object"},
            {"properties",
             {{"op", {{"type", "string"}, {"enum", ops}, {"description", "The operation; \"help\" lists them all."}}},
              {"args",
               {{"type", "object"},
                {"description", "The op's arguments; op \"describe\" shows their schema."},
                {"additionalProperties", true}}}}},
            {"required", {"op"}}}},
          {"annotations",
           {{"title", "Facebook & Instagram Ads"},
            {"readOnlyHint", read_only},  // read-only mode (issue 14): nothing the tool does can change Meta
            {"destructiveHint", !read_only},
            {"idempotentHint", false},
            {"openWorldHint", true}}}};
}

void Server::on_initialize(const nlohmann::json& id, const nlohmann::json& params) {
  auto request = parse_initialize(params);
  if (!request) {
    send_(invalid_params(id, request.error()));
    return;
  }
  {
    std::lock_guard lock(mutex_);
    client_elicitation_ = request->client_elicitation;
    initialized_ = true;
  }
  nlohmann::json server_info = {{"name", info_.name}, {"title", info_.title}, {"version", info_.version}};
  send_(make_result(id, {{"protocolVersion", negotiate_protocol_version(request->protocol_version)},
                         {"capabilities",
                          {{"tools", {{"listChanged", false}}},
                           {"prompts", {{"listChanged", false}}},
                           {"logging", nlohmann::json::object()},
                           {"completions", nlohmann::json::object()}}},
                         {"serverInfo", server_info},
                         {"instructions", instructions()}}));
}

void Server::run_async(const nlohmann::json& id, std::function<void()> work) {
  {
    std::lock_guard lock(mutex_);
    ++active_workers_;
  }
  // Detached, counted: the reader thread must keep reading (cancellations, pings, elicitation answers) while a
  // call runs, and shutdown() waits for the count to reach zero.
  std::thread([this, id, work = std::move(work)] {
    std::optional<std::string> failure;
    try {
      work();
    } catch (const std::exception& e) {
      failure = e.what();
    } catch (...) {
      failure = "unknown exception";
    }
    if (failure) send_(internal_error(id, failure->c_str()));
    std::lock_guard lock(mutex_);
    if (failure) in_flight_.erase(id_key(id));
    --active_workers_;
    idle_.notify_all();
  }).detach();
}

void Server::on_tools_call(const nlohmann::json& id, const nlohmann::json& params) {
  auto request = parse_tools_call(params);
  if (!request) {
    send_(invalid_params(id, request.error()));
    return;
  }
  if (request->name != "facebook") {
    send_(make_error(id, rpc::kInvalidParams,
                     "Unknown tool: " + request->name.substr(0, 100) + " (this server has one tool, facebook)"));
    return;
  }
  auto cancelled = std::make_shared<std::atomic<bool>>(false);
  {
    std::lock_guard lock(mutex_);
    if (shutting_down_) return;  // nobody reads answers any more
    if (!in_flight_.emplace(id_key(id), cancelled).second) {
      send_(make_error(id, rpc::kInvalidRequest, "Invalid Request: a call with id " + id.dump().substr(0, 100) +
                                                     " is still running; every request needs its own id"));
      return;
    }
  }
  run_async(id, [this, id, arguments = std::move(request->arguments), progress_token = request->progress_token,
                 cancelled] {
    tool::CallEnv env;
    auto step = std::make_shared<int>(0);
    if (!progress_token.is_null()) {
      env.progress = [this, progress_token, step, cancelled](const std::string& message) {
        if (cancelled->load()) return;
        send_(make_notification("notifications/progress",
                                {{"progressToken", progress_token}, {"progress", ++*step}, {"message", message}}));
      };
    }
    env.cancelled = [cancelled] { return cancelled->load(); };
    env.confirm = [this](const tool::ChangePreview& preview) { return elicit(preview); };
    const auto result = router_.call(arguments, env);
    {
      std::lock_guard lock(mutex_);
      in_flight_.erase(id_key(id));
    }
    if (cancelled->load()) return;  // a cancelled request gets no response
    auto content = nlohmann::json::array({{{"type", "text"}, {"text", result.text}}});
    for (const auto& image : result.images) {
      content.push_back({{"type", "image"}, {"data", crypto::base64_encode(image.bytes)}, {"mimeType", image.mime_type}});
    }
    send_(make_result(id, {{"content", std::move(content)},
                           {"structuredContent", result.structured},
                           {"isError", result.is_error}}));
  });
}

tool::ConfirmAnswer Server::elicit(const tool::ChangePreview& preview) {
  std::future<nlohmann::json> answer;
  std::string request_id;
  {
    std::lock_guard lock(mutex_);
    if (!client_elicitation_ || shutting_down_) return tool::ConfirmAnswer::Unsupported;
    request_id = "srv-" + std::to_string(next_request_id_++);  // never collides with client ids
    answer = pending_requests_[request_id].get_future();
  }
  send_({{"jsonrpc", "2.0"},
         {"id", request_id},
         {"method", "elicitation/create"},
         {"params",
          {{"mode", "form"},
           {"message", preview.question},
           {"requestedSchema",
            {{"type", "object"},
             {"properties",
              {{"confirm",
                {{"type", "boolean"}, {"title", "Go ahead?"}, {"description", preview.question}, {"default", false}}}}},
             {"required", {"confirm"}}}}}}});
  if (answer.wait_for(kElicitationTimeout) != std::future_status::ready) {
    std::lock_guard lock(mutex_);
    pending_requests_.erase(request_id);
    return tool::ConfirmAnswer::Declined;
  }
  const auto reply = answer.get();
  if (core::find_field(reply, "error")) return tool::ConfirmAnswer::Unsupported;  // client could not ask: fall back
  return elicitation_accepted(reply) ? tool::ConfirmAnswer::Accepted : tool::ConfirmAnswer::Declined;
}

void Server::on_prompts_get(const nlohmann::json& id, const nlohmann::json& params) {
  auto request = parse_prompts_get(params);
  if (!request) {
    send_(invalid_params(id, request.error()));
    return;
  }
  auto prompt = prompts_.get(request->name, request->arguments);
  if (!prompt) {
    send_(make_error(id, rpc::kInvalidParams, prompt.error().message));
    return;
  }
  send_(make_result(id, *prompt));
}

void Server::on_complete(const nlohmann::json& id, const nlohmann::json& params) {
  auto request = parse_complete(params);
  if (!request) {
    send_(invalid_params(id, request.error()));
    return;
  }
  run_async(id, [this, id, request = std::move(*request)] { send_(make_result(id, complete_argument(router_, request))); });
}

void Server::on_set_level(const nlohmann::json& id, const nlohmann::json& params) {
  auto level = parse_set_level(params);
  if (!level) {
    send_(invalid_params(id, level.error()));
    return;
  }
  {
    std::lock_guard lock(mutex_);
    client_log_level_ = *level;
  }
  send_(make_result(id, nlohmann::json::object()));
}

bool Server::shutdown() {
  std::unique_lock lock(mutex_);
  shutting_down_ = true;
  // Nobody will read answers or answer our questions any more: decline the questions, and let each call stop at its
  // next step (the router and bulk ops check between steps; a Graph request already sent completes).
  for (auto& [request_id, promise] : pending_requests_) promise.set_value({{"result", {{"action", "cancel"}}}});
  pending_requests_.clear();
  for (auto& [request_id, cancelled] : in_flight_) cancelled->store(true);
  return idle_.wait_for(lock, kShutdownGrace, [this] { return active_workers_ == 0; });
}

}  // namespace fbmcp::mcp
