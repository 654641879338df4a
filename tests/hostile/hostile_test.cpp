// The hostile corpus (tests/hostile/corpus.jsonl, written by make_corpus.py): every case in a fresh server
// process. Each hostile line must get the answer the case expects, with a message naming what was wrong; the
// server must answer a ping afterwards, print nothing but protocol lines on stdout, and exit 0 on EOF.
#include <catch2/catch.hpp>

#include <cstdlib>

#include <atomic>
#include <csignal>
#include <fstream>
#include <future>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "support/subprocess.hpp"

using fbmcp::testing::Subprocess;
using nlohmann::json;

namespace {

const std::map<std::string, std::string> kFakeEnv = {{"FACEBOOK_MODE", "fake"}, {"FACEBOOK_ACCESS_TOKEN", ""}};
constexpr const char* kAliveId = "__alive__";

std::vector<json> load_corpus() {
  std::ifstream in(std::string(FBMCP_SOURCE_DIR) + "/tests/hostile/corpus.jsonl");
  std::vector<json> cases;
  for (std::string line; std::getline(in, line);) {
    if (!line.empty()) cases.push_back(json::parse(line));
  }
  return cases;
}

std::string hex_decode(const std::string& hex) {
  std::string out;
  for (size_t i = 0; i + 1 < hex.size(); i += 2) out += static_cast<char>(std::stoi(hex.substr(i, 2), nullptr, 16));
  return out;
}

std::string repeat(const std::string& unit, size_t count) {
  std::string out;
  out.reserve(unit.size() * count);
  for (size_t i = 0; i < count; ++i) out += unit;
  return out;
}

std::string hostile_bytes(const json& c) {
  if (c.contains("hex")) return hex_decode(c["hex"]);
  if (c.contains("repeat")) {
    const auto& r = c["repeat"];
    return r["head"].get<std::string>() + repeat(r["unit"], r["count"]) + r["tail"].get<std::string>();
  }
  std::string line = c["line"];
  if (c.contains("fill")) {
    const auto& f = c["fill"];
    const std::string marker = f["marker"];
    if (const auto at = line.find(marker); at != std::string::npos) {
      line.replace(at, marker.size(), repeat(f["unit"], f["count"]));
    }
  }
  return line;
}

// What went wrong with one case; empty when it passed.
std::string check_reply(const json& expect, const std::vector<json>& replies) {
  if (expect.value("silent", false)) {
    return replies.empty() ? "" : "expected no reply, got " + replies.front().dump().substr(0, 300);
  }
  if (replies.size() != 1) return "expected one reply, got " + std::to_string(replies.size());
  const auto& reply = replies.front();
  const std::string mentions = expect.value("mentions", "");
  if (expect.contains("rpc_error")) {
    if (!reply.contains("error")) return "expected a JSON-RPC error, got " + reply.dump().substr(0, 300);
    if (reply["error"]["code"] != expect["rpc_error"]) return "wrong error code: " + reply.dump().substr(0, 300);
    if (reply["error"]["message"].get<std::string>().find(mentions) == std::string::npos) {
      return "error message does not mention '" + mentions + "': " + reply.dump().substr(0, 300);
    }
    return "";
  }
  const auto result = reply.value("result", json::object());
  if (!result.value("isError", false)) return "expected a tool error, got " + reply.dump().substr(0, 300);
  const auto error = result["structuredContent"]["error"];
  if (error["kind"] != expect["tool_error"]) return "wrong error kind: " + error.dump().substr(0, 300);
  if (expect.contains("path") && error.value("path", "") != expect["path"].get<std::string>()) {
    return "wrong path (expected " + expect["path"].get<std::string>() + "): " + error.dump().substr(0, 300);
  }
  const std::string text = error.value("message", "") + " " + error.value("hint", "");
  if (text.find(mentions) == std::string::npos) {
    return "error does not mention '" + mentions + "': " + error.dump().substr(0, 300);
  }
  return "";
}

std::string run_case(const json& c) {
  Subprocess p({FBMCP_BINARY}, kFakeEnv);
  std::vector<json> replies;
  bool alive = false;
  // Every stdout line must be a protocol message; collects answers other than our own.
  auto read_until = [&](const json& id, bool need_other) -> std::string {
    for (int i = 0; i < 100; ++i) {
      if (alive && (!need_other || !replies.empty())) return "";
      auto line = p.read_line(20000);
      if (!line) return "no answer in time";
      auto message = json::parse(*line, nullptr, false);
      if (message.is_discarded()) return "stdout line is not JSON: " + line->substr(0, 200);
      if (message.contains("method")) continue;  // notifications (logs, progress)
      if (message.value("id", json()) == id) alive = true;
      else if (message.value("id", json()) != "init") replies.push_back(message);
    }
    return "too many messages";
  };
  if (c.value("initialize", true)) {
    p.write_line(R"({"jsonrpc":"2.0","id":"init","method":"initialize","params":{"protocolVersion":"2025-11-25","capabilities":{}}})");
    for (int i = 0; i < 10; ++i) {
      auto line = p.read_line(20000);
      if (!line) return "no answer to initialize";
      if (line->find("\"init\"") != std::string::npos) break;
    }
    p.write_line(R"({"jsonrpc":"2.0","method":"notifications/initialized"})");
  }
  p.write_line(hostile_bytes(c));
  p.write_line(json{{"jsonrpc", "2.0"}, {"id", kAliveId}, {"method", "ping"}}.dump());
  const bool silent = c["expect"].value("silent", false);
  if (auto problem = read_until(kAliveId, !silent); !problem.empty()) return problem;
  if (!alive) return "the server did not answer a ping after the hostile line";
  p.close_stdin();
  if (const int code = p.wait(20000); code != 0) return "exit code " + std::to_string(code) + " after EOF";
  // Anything printed after the ping: late answers count too (a silent case must stay silent).
  std::istringstream rest(p.drain_stdout());
  for (std::string line; std::getline(rest, line);) {
    auto message = json::parse(line, nullptr, false);
    if (message.is_discarded()) return "stdout line is not JSON: " + line.substr(0, 200);
    if (!message.contains("method")) replies.push_back(message);
  }
  return check_reply(c["expect"], replies);
}

}  // namespace

TEST_CASE("hostile corpus: every case answered with a reason, the server alive after it", "[hostile]") {
  std::signal(SIGPIPE, SIG_IGN);  // a child that died must fail a case, not end the test run
  const auto corpus = load_corpus();
  REQUIRE(corpus.size() >= 300);
  // FBMCP_HOSTILE_STRIDE=N runs every Nth case: the sanitizer stage (.ci/sanitize) pays a slow process start per
  // case, so it takes a spread sample of each op's cases while the plain stage runs them all.
  const char* stride_text = std::getenv("FBMCP_HOSTILE_STRIDE");
  const size_t stride = stride_text ? std::max<size_t>(1, std::strtoul(stride_text, nullptr, 10)) : 1;
  std::vector<json> cases;
  for (size_t i = 0; i < corpus.size(); i += stride) cases.push_back(corpus[i]);
  // Fresh processes are independent: run a few at once (Catch2's assertions stay on this thread).
  constexpr size_t kParallel = 4;
  std::vector<std::string> problems(cases.size());
  std::atomic<size_t> next{0};
  std::vector<std::thread> workers;
  for (size_t w = 0; w < kParallel; ++w) {
    workers.emplace_back([&] {
      for (size_t i = next++; i < cases.size(); i = next++) {
        try {
          problems[i] = run_case(cases[i]);
        } catch (const std::exception& e) {
          problems[i] = std::string("runner failed: ") + e.what();
        }
      }
    });
  }
  for (auto& worker : workers) worker.join();
  size_t failed = 0;
  for (size_t i = 0; i < cases.size(); ++i) {
    if (problems[i].empty()) continue;
    ++failed;
    UNSCOPED_INFO(cases[i]["name"].get<std::string>() << ": " << problems[i]);
  }
  CHECK(failed == 0);
}
