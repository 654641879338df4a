// libFuzzer target over everything that reads a Graph answer without a transport: decode_response (both top-level
// shapes), the error table, the usage-header readers (RatePacer::record, retry_after_seconds), the edge-page parser,
// expect_success and the list cursor parser. None of them may crash, throw or overflow, whatever the bytes.
//
// Input format (also what the seeds in graph_corpus/ use):
//   <status>\n            decimal HTTP status; anything else (or a missing line) means 200
//   <Name>: <value>\n     zero or more header lines; names are lower-cased as CurlTransport does
//   \n                    an empty line ends the headers
//   <body>                every remaining byte, verbatim
// An input without the empty line is all body, with status 200 and no headers.
#include <charconv>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "graph/error_table.hpp"
#include "graph/list_page.hpp"
#include "graph/rate_pacer.hpp"
#include "graph/response_decoding.hpp"
#include "graph/resume_point.hpp"

namespace {

fbmcp::graph::HttpResponse split_input(std::string_view input) {
  fbmcp::graph::HttpResponse response;
  response.status = 200;
  const auto blank = input.find("\n\n");
  if (blank == std::string_view::npos) {
    response.body = std::string(input);
    return response;
  }
  std::string_view head = input.substr(0, blank);
  response.body = std::string(input.substr(blank + 2));
  bool first = true;
  while (!head.empty()) {
    const auto end = head.find('\n');
    std::string_view line = head.substr(0, end);
    head = end == std::string_view::npos ? std::string_view() : head.substr(end + 1);
    if (first) {
      first = false;
      int status = 0;
      const auto [ptr, ec] = std::from_chars(line.data(), line.data() + line.size(), status);
      if (ec == std::errc() && ptr == line.data() + line.size()) {
        response.status = status;
        continue;
      }
    }
    const auto colon = line.find(':');
    if (colon == std::string_view::npos) continue;
    std::string name(line.substr(0, colon));
    for (auto& c : name) c = static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
    std::string_view value = line.substr(colon + 1);
    while (!value.empty() && (value.front() == ' ' || value.front() == '\t')) value.remove_prefix(1);
    response.headers[name] = std::string(value);
  }
  return response;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace fbmcp::graph;
  const auto response = split_input(std::string_view(reinterpret_cast<const char*>(data), size));

  RatePacer pacer;
  pacer.record(response.headers);
  (void)pacer.delay_ms();
  (void)pacer.snapshot();
  if (const auto wait = retry_after_seconds(response.headers)) {
    if (*wait < 0 || *wait > kMaxRetryAfterSeconds) __builtin_trap();
  }

  auto as_object = decode_response(response, "fuzz/edge");
  (void)decode_response(response, "fuzz/batch", BodyShape::Array);
  if (as_object) {
    if (!as_object->is_object()) __builtin_trap();
    (void)parse_edge_page(*as_object, "fuzz/edge");
    (void)expect_success(*as_object, "fuzz/node");
  } else if (auto retry = as_object.error().detail; retry.is_object() && retry.contains("retry_after_seconds")) {
    if (!retry["retry_after_seconds"].is_number_integer()) __builtin_trap();
  }
  // The parsers must also hold on bodies decode_response would refuse (errors, other statuses).
  const auto body = nlohmann::json::parse(response.body, nullptr, false);
  (void)decode_graph_error(body, response.status, response.headers);
  (void)parse_edge_page(body, "fuzz/edge");
  (void)parse_resume_point(std::string_view(response.body).substr(0, 256), 500);
  return 0;
}
