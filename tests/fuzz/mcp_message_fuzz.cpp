// libFuzzer target: bytes → the real stdio line reader → the MCP server's message handler, over the fake world.
// Whatever the bytes, nothing may crash, hang or trip a sanitizer. Each input is a session: an initialize line
// is handled first (so tool calls get past the lifecycle check), then every line of the input.
// Run: .ci/fuzz [seconds]   (README: "Fuzzing"); seeds in tests/fuzz/mcp_corpus/.
#include <cstdint>
#include <cstdio>
#include <memory>

#include "app/services.hpp"
#include "mcp/server.hpp"
#include "support/fake_services.hpp"
#include "transport/line_channel.hpp"

using namespace fbmcp;

namespace {

// Loading the fake world is the slow part; one world serves every input (ops may change it, as a session would).
app::Services& shared_services() {
  static auto services = [] {
    core::set_stderr_level(core::LogLevel::Emergency);  // keep the fuzzer's output readable
    return testing::fake_services();
  }();
  return *services;
}

// Lines longer than this are refused like the server refuses lines over transport::kMaxLineBytes.
constexpr size_t kFuzzMaxLine = 64 * 1024;

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  auto& services = shared_services();
  mcp::Server server(*services.router, mcp::PromptLibrary::load_embedded(),
                     {"facebook-mcp", "fuzz", "0", app::mode_line(services.settings), true},
                     [](const nlohmann::json& message) {
                       // Serializing is part of the path to stdout (invalid UTF-8 must be replaced, not thrown).
                       (void)message.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
                     });
  server.handle_line(R"({"jsonrpc":"2.0","id":0,"method":"initialize","params":{"protocolVersion":"2025-11-25"}})");
  if (size > 0) {
    std::FILE* in = fmemopen(const_cast<uint8_t*>(data), size, "r");
    if (in) {
      transport::LineReader reader(in, kFuzzMaxLine);
      while (auto line = reader.next()) {
        if (line->too_long) server.reject_oversized_line(line->bytes, kFuzzMaxLine);
        else server.handle_line(line->text);
      }
      std::fclose(in);
    }
  }
  server.shutdown();
  return 0;
}
