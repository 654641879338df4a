#include "core/redact.hpp"

#include <algorithm>
#include <mutex>
#include <vector>

#include <re2/re2.h>

namespace fbmcp::core {
namespace {

struct SecretSet {
  std::mutex mutex;
  std::vector<std::string> values;
};

SecretSet& secrets() {
  static SecretSet set;
  return set;
}

// Credential-bearing parameters as they appear in query strings, form bodies and JSON. RE2, not std::regex: RE2
// runs in linear time without recursion, while std::regex recursed per character and a 30 KB
// "access_token=…" overflowed the stack.
const RE2& credential_param_pattern() {
  static const RE2 pattern(
      R"((?i)((?:access_token|appsecret_proof|client_secret|fb_exchange_token|input_token)\\?"?\s*[=:]\s*\\?"?)([^&"\s\\,}]+))");
  return pattern;
}

}  // namespace

void register_secret(std::string_view secret) {
  if (secret.size() < 8) return;
  auto& set = secrets();
  std::lock_guard lock(set.mutex);
  if (std::find(set.values.begin(), set.values.end(), secret) == set.values.end()) {
    set.values.emplace_back(secret);
    // Longest first, so a secret that contains another is masked whole.
    std::sort(set.values.begin(), set.values.end(),
              [](const auto& a, const auto& b) { return a.size() > b.size(); });
  }
}

std::string redact(std::string_view text) {
  std::string out(text);
  {
    auto& set = secrets();
    std::lock_guard lock(set.mutex);
    for (const auto& secret : set.values) {
      for (auto pos = out.find(secret); pos != std::string::npos; pos = out.find(secret, pos + kRedacted.size())) {
        out.replace(pos, secret.size(), kRedacted);
      }
    }
  }
  if (out.find_first_of("=:") == std::string::npos) return out;
  RE2::GlobalReplace(&out, credential_param_pattern(), "\\1" + std::string(kRedacted));
  return out;
}

nlohmann::json redact_json(const nlohmann::json& value) {
  switch (value.type()) {
    case nlohmann::json::value_t::string: return redact(std::string_view(value.get_ref<const std::string&>()));
    case nlohmann::json::value_t::array: {
      auto out = nlohmann::json::array();
      for (const auto& item : value) out.push_back(redact_json(item));
      return out;
    }
    case nlohmann::json::value_t::object: {
      auto out = nlohmann::json::object();
      for (const auto& [key, item] : value.items()) out[redact(key)] = redact_json(item);
      return out;
    }
    default: return value;
  }
}

}  // namespace fbmcp::core
