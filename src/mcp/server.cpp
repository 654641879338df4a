#include "mcp/server.hpp"

#include <chrono>

#include "mcp/completion.hpp"
#include "mcp/protocol.hpp"
#include "tool/catalog.hpp"

namespace fbmcp::mcp {
namespace {

// How long a tools/call waits for the human to answer an elicitation before treating it as declined.
constexpr auto kElicitationTimeout = std::chrono::minutes(10);
// How long EOF waits for in-flight calls before the process exits anyway.
constexpr auto kShutdownGrace = std::chrono::seconds(20);

std::string id_key(const nlohmann::json& id) { return id.dump(); }

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
  const auto message = nlohmann::json::parse(line, nullptr, false);
  if (message.is_discarded()) {
    send_(make_error(nullptr, rpc::kParseError, "Parse error: the line is not valid JSON"));
    return;
  }
  if (message.is_array()) {
    // JSON-RPC batching was removed from MCP in 2025-06-18.
    send_(make_error(nullptr, rpc::kInvalidRequest, "Invalid Request: batches are not supported"));
    return;
  }
  handle_message(message);
}

void Server::handle_message(const nlohmann::json& message) {
  const nlohmann::json id = message.is_object() ? message.value("id", nlohmann::json()) : nlohmann::json();
  const bool valid_id = id.is_null() || id.is_string() || id.is_number_integer();
  if (!message.is_object() || message.value("jsonrpc", "") != "2.0" || !valid_id) {
    send_(make_error(valid_id ? id : nlohmann::json(), rpc::kInvalidRequest, "Invalid Request: not JSON-RPC 2.0"));
    return;
  }
  if (!message.contains("method")) {
    if (message.contains("result") || message.contains("error")) handle_response(message);
    else send_(make_error(id, rpc::kInvalidRequest, "Invalid Request: no method"));
    return;
  }
  if (!message["method"].is_string()) {
    send_(make_error(id, rpc::kInvalidRequest, "Invalid Request: method must be a string"));
    return;
  }
  const std::string method = message["method"];
  const auto params = message.value("params", nlohmann::json::object());
  if (!message.contains("id")) {
    handle_notification(method, params);  // notifications never get a reply
    return;
  }
  const auto handler = methods_.find(method);
  if (handler == methods_.end()) {
    send_(make_error(id, rpc::kMethodNotFound, "Method not found: " + method));
    return;
  }
  handler->second(id, params.is_object() ? params : nlohmann::json::object());
}

void Server::handle_response(const nlohmann::json& message) {
  std::lock_guard lock(mutex_);
  const auto key = message.value("id", nlohmann::json()).is_string() ? message["id"].get<std::string>() : "";
  const auto it = pending_requests_.find(key);
  if (it == pending_requests_.end()) return;  // late or unknown: ignore
  it->second.set_value(message);
  pending_requests_.erase(it);
}

void Server::handle_notification(const std::string& method, const nlohmann::json& params) {
  if (method == "notifications/cancelled") {
    std::lock_guard lock(mutex_);
    const auto it = in_flight_.find(id_key(params.value("requestId", nlohmann::json())));
    if (it != in_flight_.end()) it->second->store(true);  // unknown or finished ids are ignored
  }
  // notifications/initialized and others need nothing from us.
}

std::string Server::instructions() const {
  return "This server runs Meta (Facebook and Instagram) advertising through ONE tool, `facebook`, taking "
         "{op, args}. Call op \"help\" first to see every op, then op \"describe\" with args {\"op\": \"<name>\"} "
         "for an op's arguments and example. Money is {\"amount\": \"25.00\"} in the ad account's currency (or "
         "{\"minor_units\": 2500}), never a float. Creates are PAUSED by default; writes accept dry_run: true; "
         "activating, raising budgets and deleting need the user's confirmation. Lists return paging.after to "
         "continue. " +
         info_.mode_line;
}

nlohmann::json Server::tool_definition() const {
  auto ops = nlohmann::json::array({tool::kHelpOp, tool::kDescribeOp});
  for (const auto& name : router_.registry().names()) ops.push_back(name);
  std::string listing;
  for (const auto& name : router_.registry().names()) listing += (listing.empty() ? "" : ", ") + name;
  return {{"name", "facebook"},
          {"title", "Facebook & Instagram Ads"},
          {"description",
           "Meta Marketing API in one tool. Pass op (what to do) and args (its arguments). Start with "
           "{\"op\":\"help\"}; {\"op\":\"describe\",\"args\":{\"op\":\"create_campaign\"}} shows one op's schema. "
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
            {"readOnlyHint", false},
            {"destructiveHint", true},
            {"idempotentHint", false},
            {"openWorldHint", true}}}};
}

void Server::on_initialize(const nlohmann::json& id, const nlohmann::json& params) {
  const auto capabilities = params.value("capabilities", nlohmann::json::object());
  {
    std::lock_guard lock(mutex_);
    client_elicitation_ = capabilities.is_object() && capabilities.contains("elicitation");
  }
  nlohmann::json server_info = {{"name", info_.name}, {"title", info_.title}, {"version", info_.version}};
  send_(make_result(id, {{"protocolVersion", negotiate_protocol_version(params.value("protocolVersion", nlohmann::json()))},
                         {"capabilities",
                          {{"tools", {{"listChanged", false}}},
                           {"prompts", {{"listChanged", false}}},
                           {"logging", nlohmann::json::object()},
                           {"completions", nlohmann::json::object()}}},
                         {"serverInfo", server_info},
                         {"instructions", instructions()}}));
}

void Server::run_async(std::function<void()> work) {
  {
    std::lock_guard lock(mutex_);
    ++active_workers_;
  }
  // Detached, counted: the reader thread must keep reading (cancellations, pings, elicitation answers) while a
  // call runs, and shutdown() waits for the count to reach zero.
  std::thread([this, work = std::move(work)] {
    work();
    std::lock_guard lock(mutex_);
    --active_workers_;
    idle_.notify_all();
  }).detach();
}

void Server::on_tools_call(const nlohmann::json& id, const nlohmann::json& params) {
  const auto name = params.value("name", nlohmann::json());
  if (name != "facebook") {
    send_(make_error(id, rpc::kInvalidParams,
                     "Unknown tool: " + (name.is_string() ? name.get<std::string>() : name.dump()) +
                         " (this server has one tool, facebook)"));
    return;
  }
  auto cancelled = std::make_shared<std::atomic<bool>>(false);
  {
    std::lock_guard lock(mutex_);
    in_flight_[id_key(id)] = cancelled;
  }
  const auto arguments = params.value("arguments", nlohmann::json::object());
  const auto progress_token = params.value("_meta", nlohmann::json::object()).value("progressToken", nlohmann::json());
  run_async([this, id, arguments, progress_token, cancelled] {
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
    send_(make_result(id, {{"content", {{{"type", "text"}, {"text", result.text}}}},
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
  if (reply.contains("error")) return tool::ConfirmAnswer::Unsupported;  // client could not ask: fall back
  const auto result = reply.value("result", nlohmann::json::object());
  const bool accepted = result.value("action", "") == "accept" &&
                        result.value("content", nlohmann::json::object()).value("confirm", false) == true;
  return accepted ? tool::ConfirmAnswer::Accepted : tool::ConfirmAnswer::Declined;
}

void Server::on_prompts_get(const nlohmann::json& id, const nlohmann::json& params) {
  auto prompt = prompts_.get(params.value("name", ""), params.value("arguments", nlohmann::json::object()));
  if (!prompt) {
    send_(make_error(id, rpc::kInvalidParams, prompt.error().message));
    return;
  }
  send_(make_result(id, *prompt));
}

void Server::on_complete(const nlohmann::json& id, const nlohmann::json& params) {
  run_async([this, id, params] { send_(make_result(id, complete_argument(router_, params))); });
}

void Server::on_set_level(const nlohmann::json& id, const nlohmann::json& params) {
  const auto level = core::parse_log_level(params.value("level", ""));
  if (!level) {
    send_(make_error(id, rpc::kInvalidParams, "Invalid log level: expected one of debug, info, notice, warning, "
                                              "error, critical, alert, emergency"));
    return;
  }
  {
    std::lock_guard lock(mutex_);
    client_log_level_ = *level;
  }
  send_(make_result(id, nlohmann::json::object()));
}

void Server::shutdown() {
  std::unique_lock lock(mutex_);
  shutting_down_ = true;
  // Nobody will answer our questions any more: treat them as declined so workers can finish.
  for (auto& [request_id, promise] : pending_requests_) promise.set_value({{"result", {{"action", "cancel"}}}});
  pending_requests_.clear();
  idle_.wait_for(lock, kShutdownGrace, [this] { return active_workers_ == 0; });
}

}  // namespace fbmcp::mcp
