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

  bool may_resend() const { return method != "POST" || idempotent; }
};

struct HttpResponse {
  int status = 0;
  std::map<std::string, std::string> headers;  // names lower-cased
  std::string body;
};

}  // namespace fbmcp::graph
