// What a Graph call is, independent of how it travels (libcurl to Meta, or in-process to the emulator).
#pragma once
#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <utility>
#include <vector>

namespace fbmcp::graph {

// Graph parameters travel form-encoded: strings as they are, lists/objects/bools/numbers JSON-encoded, as Meta's
// Python SDK sends them (_top_level_param_json_encode). Order is kept so requests are reproducible.
class Params {
 public:
  Params() = default;
  Params(std::initializer_list<std::pair<std::string, nlohmann::json>> items) {
    for (const auto& [key, value] : items) set(key, value);
  }
  Params& set(const std::string& key, const nlohmann::json& value);
  const std::vector<std::pair<std::string, std::string>>& items() const { return items_; }
  const std::string* find(const std::string& key) const;
  void erase(const std::string& key);

 private:
  std::vector<std::pair<std::string, std::string>> items_;
};

// A binary file sent as a multipart/form-data part (a video or one chunk of it). Requests that carry files travel
// multipart; the others stay form-encoded.
struct FilePart {
  std::string name;          // the form field: "source" (one-request video), "video_file_chunk" (a chunk)
  std::string filename;      // what the part says the file is called
  std::string content_type;  // "video/mp4", "application/octet-stream", …
  std::string bytes;         // never logged
};

// Which Graph host serves a request: video uploads go to graph-video.facebook.com (GRAPH_VIDEO in
// facebook-nodejs-business-sdk src/api.js; url_override in facebook-python-business-sdk video_uploader.py).
enum class Host { Graph, Video };

struct GraphRequest {
  std::string method = "GET";  // GET | POST | DELETE
  std::string path;            // no version, no leading slash: "act_123/campaigns", "120210…", "" (batch root)
  Params params;
  // Batch only: a name other operations of the same batch (≤50) can reference as {result=<name>:$.id}.
  std::string batch_name;
  // Whether sending this request twice leaves the same state as sending it once. GET and DELETE always do; a POST
  // does only when it sets values (status, name, budget). For a POST that is not, nothing below GraphClient may
  // re-send it on its own — libcurl would, on a kept-alive connection that died before answering — because its
  // outcome is then unknown and only the idempotency layer can reconcile it (DESIGN §4).
  bool idempotent = false;
  std::vector<FilePart> files;  // POST only; sent multipart with the params as text parts
  Host host = Host::Graph;

  bool may_resend() const { return method != "POST" || idempotent; }
};

struct HttpResponse {
  int status = 0;
  std::map<std::string, std::string> headers;  // names lower-cased
  std::string body;
};

}  // namespace fbmcp::graph
