// Confirmation tokens: a preview of a change that spends money or deletes returns a token bound to the op, its
// exact args (less `confirm`) and an expiry; only a call carrying that token acts (DESIGN §5). The token is an
// HMAC under a secret made fresh for each process, so nothing is stored, a model cannot make one up, and a token
// for one change never confirms another.
#pragma once
#include <chrono>
#include <nlohmann/json.hpp>
#include <string>

namespace fbmcp::tool {

enum class TokenCheck { Valid, Mismatch, Expired, Malformed };

class ConfirmationSigner {
 public:
  using Clock = std::chrono::system_clock;
  static constexpr std::chrono::seconds kLifetime{600};

  ConfirmationSigner();  // a random per-process key

  // "<expiry unix seconds>.<hex HMAC-SHA256(key, op \n canonical args \n expiry)>"; `confirm` in args is ignored.
  std::string issue(const std::string& op, const nlohmann::json& args, Clock::time_point now = Clock::now()) const;
  TokenCheck verify(const std::string& token, const std::string& op, const nlohmann::json& args,
                    Clock::time_point now = Clock::now()) const;

 private:
  std::string sign(const std::string& op, const nlohmann::json& args, long long expiry) const;
  std::string key_;
};

}  // namespace fbmcp::tool
