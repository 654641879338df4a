// The MCP server: an explicit method table over JSON-RPC messages (clangd-style transport/binder split). It does
// not read or write stdio itself: the app feeds it lines and gives it a `send` function.
#pragma once
#include <atomic>
#include <condition_variable>
#include <functional>
#include <future>
#include <map>
#include <memory>
#include <mutex>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "core/log.hpp"
#include "mcp/prompts.hpp"
#include "tool/router.hpp"

namespace fbmcp::mcp {

struct ServerInfo {
  std::string name = "facebook-mcp";
  std::string title = "Facebook & Instagram Ads";
  std::string version;
  std::string mode_line;  // "fake mode: …" / "live mode: …", for instructions
  bool fake = true;
};

class Server {
 public:
  using Send = std::function<void(const nlohmann::json&)>;
  Server(const tool::Router& router, PromptLibrary prompts, ServerInfo info, Send send);
  ~Server();

  // One line from the client. Never throws; every reply goes through `send`.
  void handle_line(const std::string& line);
  // A line longer than the transport accepts (its text was dropped unread): answered with -32600.
  void reject_oversized_line(size_t bytes, size_t max_bytes);
  // EOF on stdin: nobody will read answers any more. Cancels in-flight calls (they stop at their next step; what a
  // write already did is kept and recorded), declines open questions, and waits up to kShutdownGrace for workers.
  // Returns false when some worker is still running then; the process must exit without unwinding (the worker
  // still uses this Server). Safe to call twice.
  bool shutdown();

  nlohmann::json tool_definition() const;  // the single `facebook` tool, as tools/list shows it

 private:
  using Handler = std::function<void(const nlohmann::json& id, const nlohmann::json& params)>;

  void handle_message(const nlohmann::json& message);
  void dispatch_request(const nlohmann::json& id, const std::string& method, const nlohmann::json& params);
  void handle_response(const nlohmann::json& message);
  void handle_notification(const std::string& method, const nlohmann::json& params);

  void on_initialize(const nlohmann::json& id, const nlohmann::json& params);
  void on_tools_call(const nlohmann::json& id, const nlohmann::json& params);
  void on_prompts_get(const nlohmann::json& id, const nlohmann::json& params);
  void on_complete(const nlohmann::json& id, const nlohmann::json& params);
  void on_set_level(const nlohmann::json& id, const nlohmann::json& params);

  tool::ConfirmAnswer elicit(const tool::ChangePreview& preview);
  // Runs a request's work on its own thread; an exception there (a bug) answers -32603 for `id`, nothing more.
  void run_async(const nlohmann::json& id, std::function<void()> work);
  std::string instructions() const;
  std::string read_only_note() const;  // what instructions() says in read-only mode (issue 14)

  const tool::Router& router_;
  PromptLibrary prompts_;
  ServerInfo info_;
  Send send_;
  std::map<std::string, Handler> methods_;

  std::mutex mutex_;
  bool client_elicitation_ = false;
  bool initialized_ = false;  // initialize answered: the MCP lifecycle allows only ping before it
  std::optional<core::LogLevel> client_log_level_;
  std::map<std::string, std::shared_ptr<std::atomic<bool>>> in_flight_;  // request id (dumped) → cancelled flag
  std::map<std::string, std::promise<nlohmann::json>> pending_requests_;  // our requests to the client
  int next_request_id_ = 1;
  bool shutting_down_ = false;
  int active_workers_ = 0;
  std::condition_variable idle_;
};

}  // namespace fbmcp::mcp
