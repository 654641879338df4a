#include "tool/confirmation_token.hpp"

#include <charconv>

#include "crypto/hmac.hpp"

namespace fbmcp::tool {

ConfirmationSigner::ConfirmationSigner() : key_(crypto::random_bytes(32)) {}

std::string ConfirmationSigner::sign(const std::string& op, const nlohmann::json& args, long long expiry) const {
  nlohmann::json bound = args.is_object() ? args : nlohmann::json::object();
  bound.erase("confirm");
  // nlohmann keeps object keys sorted, so the dump is canonical: the same args always sign alike.
  const std::string message =
      op + "\n" + bound.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) + "\n" + std::to_string(expiry);
  return crypto::hmac_sha256_hex(key_, message);
}

std::string ConfirmationSigner::issue(const std::string& op, const nlohmann::json& args, Clock::time_point now) const {
  const long long expiry =
      std::chrono::duration_cast<std::chrono::seconds>((now + kLifetime).time_since_epoch()).count();
  return std::to_string(expiry) + "." + sign(op, args, expiry);
}

TokenCheck ConfirmationSigner::verify(const std::string& token, const std::string& op, const nlohmann::json& args,
                                      Clock::time_point now) const {
  const auto dot = token.find('.');
  if (dot == std::string::npos || dot == 0 || token.size() - dot - 1 != 64) return TokenCheck::Malformed;
  long long expiry = 0;
  const auto [end, error] = std::from_chars(token.data(), token.data() + dot, expiry);
  if (error != std::errc() || end != token.data() + dot) return TokenCheck::Malformed;
  // The signature first: an expiry edited by hand must read as a forgery, not as "expired".
  if (!crypto::equal_in_constant_time(token.substr(dot + 1), sign(op, args, expiry))) return TokenCheck::Mismatch;
  const long long now_s = std::chrono::duration_cast<std::chrono::seconds>(now.time_since_epoch()).count();
  return now_s <= expiry ? TokenCheck::Valid : TokenCheck::Expired;
}

}  // namespace fbmcp::tool
