// The usage headers Graph sends on every response (X-App-Usage, X-Ad-Account-Usage, X-Business-Use-Case-Usage),
// computed from the calls this emulator has seen, so pacing code can be exercised against numbers that move.
#pragma once
#include <chrono>
#include <deque>
#include <map>
#include <string>

namespace fbmcp::fake {

class UsageMeter {
 public:
  using Clock = std::chrono::steady_clock;

  // Records one call (writes weigh 3, reads 1, per Meta's ad-account score) and returns the headers to send.
  // `account_id` is the numeric ad account the call touched, or empty.
  std::map<std::string, std::string> record(const std::string& account_id, bool is_write);

  // Window sizes and budgets: app usage over an hour, ad-account score over Meta's 300 s decay window.
  static constexpr int kAppCallsPerHour = 20000;
  static constexpr int kAccountScorePerWindow = 9000;  // Meta's standard access tier (graph-api-facts §6)
  static constexpr std::chrono::seconds kAccountWindow{300};

 private:
  struct Event {
    Clock::time_point at;
    int weight;
  };
  std::deque<Event> app_;
  std::map<std::string, std::deque<Event>> accounts_;
};

}  // namespace fbmcp::fake
