#include "core/text.hpp"

#include <ctime>

#include <algorithm>

namespace fbmcp::core {

std::string ascii_lower(std::string text) {
  std::transform(text.begin(), text.end(), text.begin(),
                 [](unsigned char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; });
  return text;
}

std::string last_path_segment(std::string text) {
  if (const auto cut = text.find_first_of("?#"); cut != std::string::npos) text.resize(cut);
  while (!text.empty() && text.back() == '/') text.pop_back();
  const auto slash = text.find_last_of('/');
  return slash == std::string::npos ? text : text.substr(slash + 1);
}

std::string utc_day(long long unix_seconds, const std::string& none) {
  if (unix_seconds <= 0) return none;
  const std::time_t t = static_cast<std::time_t>(unix_seconds);
  std::tm day{};
  ::gmtime_r(&t, &day);
  char text[16];
  std::strftime(text, sizeof text, "%Y-%m-%d", &day);
  return text;
}

std::string utc_time(long long unix_seconds, const std::string& none) {
  if (unix_seconds <= 0) return none;
  const std::time_t t = static_cast<std::time_t>(unix_seconds);
  std::tm when{};
  ::gmtime_r(&t, &when);
  char text[32];
  std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%S+0000", &when);
  return text;
}

}  // namespace fbmcp::core
