// A deterministic random stream keyed by ids and dates (splitmix64), so the same ad on the same day always
// delivers the same numbers, in every process and on every machine.
#pragma once
#include <cmath>
#include <cstdint>
#include <string_view>

namespace fbmcp::fake::delivery {

inline uint64_t hash_text(std::string_view text, uint64_t seed = 1469598103934665603ULL) {
  uint64_t h = seed;  // FNV-1a
  for (const unsigned char c : text) {
    h ^= c;
    h *= 1099511628211ULL;
  }
  return h;
}

class SeededRandom {
 public:
  explicit SeededRandom(uint64_t seed) : state_(seed) {}
  uint64_t next() {
    uint64_t z = (state_ += 0x9E3779B97F4A7C15ULL);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
  }
  double uniform() { return static_cast<double>(next() >> 11) * 0x1.0p-53; }  // [0, 1)
  double between(double low, double high) { return low + (high - low) * uniform(); }
  // x rounded down or up with the probability of its fraction: small expected counts still happen sometimes.
  int64_t round_randomly(double x) {
    if (!(x > 0)) return 0;
    const double whole = std::floor(x);
    return static_cast<int64_t>(whole) + (uniform() < x - whole ? 1 : 0);
  }

 private:
  uint64_t state_;
};

}  // namespace fbmcp::fake::delivery
